import type { Programme } from '@benefits/contracts';
import { rowsOf, type Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import type { DecisionAttributes, DecisionStatus } from '../domain/eligibility-input';
import type { IsoDate } from '../domain/months';
import { assertHoldsPerson, assertProgrammes } from '../register/write-scope';
import { DecisionNotFoundError, PersonNotFoundError } from '../shared/errors';
import type { AmendedDecision } from './domain/amendment';

/** One decision of a person as terminations and amendments read it: the register's facts (dates as 'YYYY-MM-DD', its status history) and its ids. */
export interface DecisionOfPerson extends AmendedDecision {
  readonly id: string;
  readonly personId: string;
}

/**
 * In the caller's transaction, before a decision is changed: the person is locked (every change of a person is
 * serialised), the decision read with its status history, and the operator's programmes and communes checked.
 */
export async function lockedDecision(tx: Sql, personRef: string, decisionId: string, user: AuthUser, today: IsoDate): Promise<DecisionOfPerson> {
  const [person] = rowsOf<{ id: string }>(await tx.query(`SELECT id FROM eligibility.person WHERE id = $1 FOR UPDATE`, [personRef]));
  if (!person) throw new PersonNotFoundError(personRef);
  const [row] = rowsOf<{
    id: string; programme: Programme; group_code: string; decision_number: string; attributes: DecisionAttributes | null;
    signed_on: string; effective_from: string; effective_to: string | null; certificate_date: string | null; cared_for_person_id: string | null;
  }>(
    await tx.query(
      `SELECT id, programme, group_code, decision_number, attributes, to_char(signed_on, 'YYYY-MM-DD') AS signed_on,
              to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to,
              to_char(certificate_date, 'YYYY-MM-DD') AS certificate_date, cared_for_person_id
         FROM eligibility.decision WHERE id = $1 AND person_id = $2`,
      [decisionId, person.id],
    ),
  );
  if (!row) throw new DecisionNotFoundError(`decision ${decisionId} of person ${personRef}`);
  assertProgrammes(user, [row.programme]);
  await assertHoldsPerson(tx, user, person.id, today);
  const statuses = rowsOf<{ status: DecisionStatus; from: string; reasonCode: string | null }>(
    await tx.query(
      `SELECT status, to_char(valid_from, 'YYYY-MM-DD') AS "from", reason_code AS "reasonCode" FROM eligibility.decision_status WHERE decision_id = $1 ORDER BY valid_from, id`,
      [row.id],
    ),
  );
  return {
    id: row.id,
    personId: person.id,
    programme: row.programme,
    groupCode: row.group_code,
    decisionNumber: row.decision_number,
    signedOn: row.signed_on,
    effectiveFrom: row.effective_from,
    ...(row.effective_to && { effectiveTo: row.effective_to }),
    ...(row.certificate_date && { certificateDate: row.certificate_date }),
    attributes: row.attributes ?? {},
    ...(row.cared_for_person_id && { caredForPersonId: row.cared_for_person_id }),
    statusHistory: statuses.map(({ reasonCode, ...change }) => ({ ...change, ...(reasonCode && { reasonCode }) })),
  };
}
