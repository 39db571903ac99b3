import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Outbox, type Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { DataSource } from 'typeorm';
import type { StatusChange } from '../domain/eligibility-input';
import type { RegisterRow } from '../imports/domain/import-layout';
import { todayInVietnam } from '../shared/clock';
import { AlreadyInRegisterError, DecisionAlreadyTerminatedError, InvalidAmendmentError } from '../shared/errors';
import type { AmendDecisionDto, AmendmentResultDto } from './amendment.dto';
import { planAmendment } from './domain/amendment';
import { logLifeEvent, type Recording } from './life-event-log';
import { lockedDecision, type DecisionOfPerson } from './locked-decision';

const NATURAL_KEY = 'decision_natural_key';
const AMENDS_ONCE = 'decision_amends_once';

/**
 * Amends one decision (domain/amendment.ts), in one transaction: the person is locked (every change of a person is
 * serialised), the operator's programmes and communes checked, the amended decision terminated from the amendment's
 * first day (reason AMENDED, its old status rows stay), the amending decision recorded with the new facts and the
 * decision it amends, and the change kept in life_event and published as LifeEventRecorded (kind
 * decision_terminated, details.amendedBy): entitlement then knows the old decision's item ends there, and the next
 * run prices the amending decision, with arrears or a recovery for the months already paid.
 */
@Injectable()
export class AmendmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async amend(personRef: string, decisionId: string, dto: AmendDecisionDto, recording: Recording & { user: AuthUser }): Promise<AmendmentResultDto> {
    const today = todayInVietnam();
    return this.dataSource.transaction(async (tx) => {
      const decision = await lockedDecision(tx, personRef, decisionId, recording.user, today);
      const plan = planAmendment(dto, decision, today);
      if (!plan.ok && 'alreadyTerminated' in plan) {
        throw new DecisionAlreadyTerminatedError(`Decision ${decision.decisionNumber} is already terminated from ${plan.alreadyTerminated.from}: it cannot be amended`, {
          decisionId: decision.id,
          terminatedFrom: plan.alreadyTerminated.from,
          ...(plan.alreadyTerminated.reasonCode && { reasonCode: plan.alreadyTerminated.reasonCode }),
        });
      }
      if (!plan.ok) {
        throw new InvalidAmendmentError(`The amendment is not valid: ${plan.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, { problems: plan.problems });
      }
      const { successor, termination, lastDayPaid, firstMonthAmended } = plan;
      const amendingId = await guarded(() => this.record(tx, decision, successor, termination, recording.recordedBy), decision.decisionNumber, successor.decisionNumber);

      const byDecision = { decisionNumber: successor.decisionNumber, signingLevel: successor.signingLevel, signedOn: successor.signedOn };
      const details = {
        decisionId: decision.id,
        decisionNumber: decision.decisionNumber,
        // Entitlement drops this group's item from the months after the last day paid; the amending decision replaces it.
        groupCode: decision.groupCode,
        ...(decision.caredForPersonId && { caredForRef: decision.caredForPersonId }),
        reasonCode: termination.reasonCode,
        lastDayPaid,
        terminatedFrom: termination.from,
        firstMonthNotPaid: firstMonthAmended,
        amendedBy: amendingId,
        amendingGroupCode: successor.groupCode,
        byDecisionNumber: byDecision.decisionNumber,
        bySigningLevel: byDecision.signingLevel,
        bySignedOn: byDecision.signedOn,
      };
      const event = { personRef: decision.personId, kind: 'decision_terminated' as const, effectiveOn: lastDayPaid, programmes: [decision.programme], details, decisionIds: [decision.id, amendingId] };
      const lifeEventId = await logLifeEvent(tx, this.outbox, event, recording);
      return { lifeEventId, personRef: decision.personId, decisionId: decision.id, amendingDecisionId: amendingId, lastDayPaid, firstMonthAmended, groupCode: successor.groupCode, byDecision };
    });
  }

  /** The status row ending the amended decision, and the amending decision with its first status. */
  private async record(tx: Sql, amended: DecisionOfPerson, successor: RegisterRow['decision'], termination: StatusChange, recordedBy: string): Promise<string> {
    await tx.query(
      `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, reason_code, by_decision_number, by_signing_level, by_signed_on, recorded_by)
       VALUES ($1, 'terminated', $2, $3, $4, $5, $6, $7, $8)`,
      [amended.id, termination.from, termination.reason, termination.reasonCode, successor.decisionNumber, successor.signingLevel, successor.signedOn, recordedBy],
    );
    const id = randomUUID();
    await tx.query(
      `INSERT INTO eligibility.decision (id, person_id, programme, group_code, attributes, decision_number, signing_level, signed_on, effective_from, effective_to, certificate_date, amends_decision_id, cared_for_person_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        id,
        amended.personId,
        successor.programme,
        successor.groupCode,
        JSON.stringify(successor.attributes),
        successor.decisionNumber,
        successor.signingLevel,
        successor.signedOn,
        successor.effectiveFrom,
        successor.effectiveTo ?? null,
        successor.certificateDate ?? null,
        amended.id,
        // The person a care allowance is for stays the same: another person is another decision.
        amended.caredForPersonId ?? null,
      ],
    );
    await tx.query(
      `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, recorded_by) VALUES ($1, 'active', $2, $3, $4)`,
      [id, successor.effectiveFrom, `amends ${amended.decisionNumber}`, recordedBy],
    );
    return id;
  }
}

/** The unique indexes are the last guard (the person is locked): the amending number taken, or amended twice. */
async function guarded<T>(write: () => Promise<T>, amendedNumber: string, amendingNumber: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    if (constraint === NATURAL_KEY) throw new AlreadyInRegisterError(`The person already has a decision ${amendingNumber} of this programme: nothing changed`);
    if (constraint === AMENDS_ONCE) throw new DecisionAlreadyTerminatedError(`Decision ${amendedNumber} is already amended: nothing changed`);
    throw error;
  }
}
