import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Outbox, type Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { DataSource } from 'typeorm';
import { todayInVietnam } from '../shared/clock';
import { DecisionAlreadyTerminatedError, InvalidTerminationError, type FieldProblem } from '../shared/errors';
import { checkTermination, parseTermination, type Termination } from './domain/termination';
import { logLifeEvent, type Recording } from './life-event-log';
import { lockedDecision, type DecisionOfPerson } from './locked-decision';
import type { TerminateDecisionDto, TerminationResultDto } from './termination.dto';

const ONE_TERMINATION = 'decision_status_one_termination';

/**
 * Terminates one decision (a commune chairman's decision ending a benefit), in one transaction: the person is
 * locked (every change of a person is serialised), the operator's programmes and communes checked, a 'terminated'
 * status row appended from the day after the last day paid (the old rows stay), the change kept in life_event and
 * published as LifeEventRecorded (kind decision_terminated). The payment runs then stop the decision through the
 * rules (TERMINATED), for the months after the last day paid.
 */
@Injectable()
export class TerminationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async terminate(personRef: string, decisionId: string, dto: TerminateDecisionDto, recording: Recording & { user: AuthUser }): Promise<TerminationResultDto> {
    const today = todayInVietnam();
    const { termination, problems } = parseTermination(dto, today);
    if (!termination) throw invalid(problems);
    return this.dataSource.transaction(async (tx) => this.append(tx, await lockedDecision(tx, personRef, decisionId, recording.user, today), termination, recording));
  }

  private async append(tx: Sql, decision: DecisionOfPerson, termination: Termination, recording: Recording): Promise<TerminationResultDto> {
    const check = checkTermination(termination, decision);
    if (!check.ok && 'alreadyTerminated' in check) throw alreadyTerminated(decision, check.alreadyTerminated.from, check.alreadyTerminated.reasonCode);
    if (!check.ok) throw invalid(check.problems);

    const { status, firstMonthNotPaid } = check;
    try {
      await tx.query(
        `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, reason_code, by_decision_number, by_signing_level, by_signed_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [decision.id, status.status, status.from, status.reason, status.reasonCode, termination.decisionNumber, termination.signingLevel, termination.signedOn, recording.recordedBy],
      );
    } catch (error) {
      // Cannot happen while the person is locked; the index is the last guard against a second termination.
      if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === ONE_TERMINATION) throw alreadyTerminated(decision);
      throw error;
    }
    const byDecision = { decisionNumber: termination.decisionNumber, signingLevel: termination.signingLevel, signedOn: termination.signedOn };
    const details = {
      decisionId: decision.id,
      decisionNumber: decision.decisionNumber,
      // Entitlement recovers the months paid after the last day paid by re-pricing them without this group (and, for a
      // care allowance, without the allowance held for this person cared for: a household may hold the group twice).
      groupCode: decision.groupCode,
      ...(decision.caredForPersonId && { caredForRef: decision.caredForPersonId }),
      reasonCode: status.reasonCode,
      lastDayPaid: termination.effectiveTo,
      terminatedFrom: status.from,
      firstMonthNotPaid,
      byDecisionNumber: byDecision.decisionNumber,
      bySigningLevel: byDecision.signingLevel,
      bySignedOn: byDecision.signedOn,
    };
    const personRef = decision.personId;
    const event = { personRef, kind: 'decision_terminated' as const, effectiveOn: termination.effectiveTo, programmes: [decision.programme], details, decisionIds: [decision.id] };
    const lifeEventId = await logLifeEvent(tx, this.outbox, event, recording);
    return {
      lifeEventId,
      personRef,
      decisionId: decision.id,
      reasonCode: status.reasonCode,
      lastDayPaid: termination.effectiveTo,
      terminatedFrom: status.from,
      firstMonthNotPaid,
      byDecision,
    };
  }
}

function invalid(problems: readonly FieldProblem[]): InvalidTerminationError {
  return new InvalidTerminationError(`The termination is not valid: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, { problems });
}

function alreadyTerminated(decision: DecisionOfPerson, from?: string, reasonCode?: string): DecisionAlreadyTerminatedError {
  return new DecisionAlreadyTerminatedError(`Decision ${decision.decisionNumber} is already terminated${from ? ` from ${from}` : ''}: nothing changed`, {
    decisionId: decision.id,
    ...(from && { terminatedFrom: from }),
    ...(reasonCode && { reasonCode }),
  });
}
