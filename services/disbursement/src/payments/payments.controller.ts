import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditRead, CurrentUser, FourEyesDecision, LookupLimit, Roles, type AuthUser } from '@benefits/platform';
import { DecisionDto, PaymentsQuery, paymentView, ResendDto, ResendsQuery } from './payments.dto';
import { PaymentsService } from './payments.service';
import { ResendService, type ListedResend } from './resend.service';
import { pageBody, PAGING_DESCRIPTION } from '../common/page';

const READERS = ['operator', 'approver', 'finance', 'auditor', 'admin'] as const;

/** Payments (account numbers masked) and re-sends of failed ones to a corrected destination (four eyes). */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly resends: ResendService,
  ) {}

  @Get()
  @Roles(...READERS)
  @AuditRead('payment')
  @LookupLimit()
  @ApiOperation({
    summary: 'Search payments by person, status and run, newest first, 100 a page unless `limit` says otherwise (at most 500)',
    description: `Of the programmes you read and, for a token limited to communes, of those communes only (their predecessor units included). ${PAGING_DESCRIPTION}`,
  })
  async search(@CurrentUser() user: AuthUser, @Query() query: PaymentsQuery) {
    return pageBody('payments', await this.payments.search(user, query), paymentView);
  }

  @Get('resends')
  @Roles(...READERS)
  @AuditRead('resend')
  @ApiOperation({
    summary: 'Re-send requests of the programmes and, for a token limited to communes, the communes you read, newest first, 200 a page unless `limit` says otherwise (at most 500)',
    description: PAGING_DESCRIPTION,
  })
  async listResends(@CurrentUser() user: AuthUser, @Query() query: ResendsQuery) {
    return pageBody('resends', await this.resends.list(user, query), resendView);
  }

  @Post('resends/:requestId/approve')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('resend.approve')
  @ApiOperation({ summary: 'Approve a re-send: a second person, never its requester (403 FOUR_EYES)' })
  async approveResend(@CurrentUser() user: AuthUser, @Param('requestId', ParseUUIDPipe) requestId: string) {
    return resendView(await this.resends.approve(user, requestId));
  }

  @Post('resends/:requestId/reject')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('resend.reject')
  @ApiOperation({ summary: 'Refuse a re-send request' })
  async rejectResend(@CurrentUser() user: AuthUser, @Param('requestId', ParseUUIDPipe) requestId: string, @Body() body: DecisionDto) {
    return resendView(await this.resends.reject(user, requestId, body.reason));
  }

  @Get(':paymentId')
  @Roles(...READERS)
  @AuditRead('payment')
  @LookupLimit()
  @ApiOperation({
    summary: 'One payment with its obligation lines, every change of its status, and the payments that paid it again (re-send, carry-over, arrears)',
    description: "404 PAYMENT_NOT_FOUND for another programme's payment or, for a token limited to communes, another commune's, as for one that does not exist.",
  })
  async get(@CurrentUser() user: AuthUser, @Param('paymentId') paymentId: string) {
    const { payment, history, lines, paidAgainBy } = await this.payments.get(user, paymentId);
    return {
      ...paymentView(payment),
      lines: lines.map((l) => ({ kind: l.kind, source: l.source, month: l.month, amount: l.amount, originRef: l.originRef, voided: l.voidedAt !== null })),
      history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, reasonCode: h.reasonCode, by: h.changedBy, at: h.changedAt })),
      paidAgainBy: paidAgainBy.map((r) => ({ paymentId: r.paymentId, how: r.source, status: r.status, outcomeOn: r.outcomeOn })),
    };
  }

  @Post(':paymentId/resend')
  @Roles('operator')
  @ApiOperation({
    summary: 'Ask to pay a rejected or returned payment again to a corrected destination (approved by another user)',
    description:
      'Also a funeral support, or arrears paid alone (month amount 0), not collected at the commune: no next payment may come to carry it (the deceased, a decision that has stopped). ' +
      '409 RESEND_NOT_ALLOWED for any other status, a payment already paid again, a statement debit not returned in full, or an open reconciliation exception. ' +
      '422 INVALID_DESTINATION (problem SAME_AS_FAILED) for the destination the payment failed at for a reason of that destination (AC01, AC04, AC06, RC01, MD07: the same account at the same bank; BE01, MOVED_AWAY, DECEASED: the same name there too).',
  })
  async resend(@CurrentUser() user: AuthUser, @Param('paymentId') paymentId: string, @Body() body: ResendDto) {
    return resendView(await this.resends.request(user, paymentId, body.destination, body.reason));
  }
}

function resendView(r: ListedResend) {
  return {
    id: r.id,
    paymentId: r.paymentId,
    status: r.status,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
    resendPaymentId: r.resendPaymentId,
    destination: { channel: r.channel, bankBin: r.bankBin, accountMasked: r.accountMasked, holderName: r.holderName, communeCode: r.communeCode, cashPointCode: r.cashPointCode },
  };
}
