import { Inject, Injectable } from '@nestjs/common';
import type { Channel } from '@benefits/contracts';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import {
  PartnerLostBatchError,
  PartnerUnavailableError,
  readIfNew,
  type BatchRef,
  type BatchToSend,
  type ChannelAdapter,
  type OutcomeReport,
  type PaymentForPartner,
  type SendResult,
  type WatchedBatch,
} from './channel-adapter';
import { outcomesFromSettlement, readSettlementReport, settlementReportSchema, SettlementReportError } from './domain/post-office-outcomes';
import { callPartner } from './http';

/** Printed lists show a masked ID number only; without one from eligibility the column stays masked entirely. */
const NO_ID = '************';

/**
 * The post office over its JSON API: a payment list per batch (account payments, or one commune cash point's
 * list), acknowledged at once; the settlement report (paid / not collected / rejected) follows, FINAL by the 20th.
 */
abstract class PostOfficeAdapter implements ChannelAdapter {
  abstract readonly channel: Channel;
  protected abstract readonly kind: 'account' | 'cash_point';

  constructor(protected readonly config: DisbursementConfig) {}

  buildPayload(batch: BatchRef, payments: readonly PaymentForPartner[]): string {
    const total = payments.reduce((sum, p) => sum + BigInt(p.total), 0n);
    // "commune/point" (batch-planner.ts): a commune code has no slash, a cash point's code may ("ĐCT/01").
    const slash = batch.groupKey.indexOf('/');
    const [communeCode, pointCode] = [batch.groupKey.slice(0, slash), batch.groupKey.slice(slash + 1)];
    return JSON.stringify({
      batchId: batch.batchId,
      month: batch.month,
      kind: this.kind,
      ...(this.kind === 'cash_point' ? { communeCode, pointCode } : {}),
      itemCount: payments.length,
      totalAmount: total.toString(),
      // The list's own numbering (số thứ tự) and the programme each line pays: one list may hold several.
      items: payments.map((p, index) => ({
        seq: index + 1,
        paymentId: p.paymentId,
        beneficiaryCode: p.personRef,
        programme: p.programme,
        fullName: p.holderName,
        maskedId: p.maskedNationalId ?? NO_ID,
        amount: p.amount,
        arrears: p.arrearsAmount,
        carriedOver: p.carriedOverAmount,
        total: p.total,
        ...(this.kind === 'account' ? { accountNumber: p.account ?? '' } : {}),
        // The hamlet or address column of a cash point's list (formats.md), where the register has one.
        ...(this.kind === 'cash_point' && p.address ? { address: p.address } : {}),
      })),
    });
  }

  async send(batch: BatchToSend): Promise<SendResult> {
    const response = await callPartner(
      `${this.config.POST_OFFICE_URL}/batches`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch.payload },
      this.config.PARTNER_TIMEOUT_MS,
    );
    if (response.status === 202 || response.status === 200) {
      return { kind: 'acknowledged', ack: response.body, replay: response.headers.get('idempotent-replay') === 'true' };
    }
    if (response.status === 409) return { kind: 'attention', detail: 'the post office holds another list under this batchId', ack: response.body };
    // The two refusals of its contract: a list it cannot read (400) and one that does not add up (422).
    if (response.status === 400 || response.status === 422) {
      return { kind: 'rejected', code: response.status === 422 ? 'BATCH_REJECTED' : 'BAD_REQUEST', detail: reasons(response.body), ack: response.body };
    }
    return { kind: 'attention', detail: `the post office answered HTTP ${response.status}, which neither takes nor refuses the list`, ack: response.body };
  }

  async fetchOutcomes(batch: WatchedBatch): Promise<OutcomeReport> {
    const response = await callPartner(
      `${this.config.POST_OFFICE_URL}/batches/${encodeURIComponent(batch.batchId)}/report`,
      { method: 'GET' },
      this.config.PARTNER_TIMEOUT_MS,
    );
    if (response.status === 404) throw new PartnerLostBatchError(`The post office does not know batch ${batch.batchId}`);
    if (response.status !== 200) throw new PartnerUnavailableError(`settlement report of ${batch.batchId}: HTTP ${response.status}`);
    const report = readSettlementReport(response.body, settlementReportSchema);
    if (report.batchId !== batch.batchId) throw new SettlementReportError(`the post office answered for batch ${batch.batchId} with the report of ${report.batchId}`);
    return readIfNew(batch, JSON.stringify({ status: report.status, lines: report.lines }), () => outcomesFromSettlement(report));
  }
}

function reasons(body: string): string {
  try {
    const parsed = JSON.parse(body) as { reasons?: string[]; issues?: string[]; message?: string };
    return (parsed.reasons ?? parsed.issues ?? [parsed.message ?? body]).join('; ').slice(0, 1000);
  } catch {
    return body.slice(0, 1000);
  }
}

@Injectable()
export class PostOfficeAccountAdapter extends PostOfficeAdapter {
  readonly channel = 'post_office_account' as const;
  protected readonly kind = 'account' as const;

  constructor(@Inject(CONFIG) config: DisbursementConfig) {
    super(config);
  }
}

@Injectable()
export class PostOfficeCashAdapter extends PostOfficeAdapter {
  readonly channel = 'post_office_cash' as const;
  protected readonly kind = 'cash_point' as const;

  constructor(@Inject(CONFIG) config: DisbursementConfig) {
    super(config);
  }
}
