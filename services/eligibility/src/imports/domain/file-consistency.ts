import type { RegisterRow, RowProblem } from './import-layout';

/**
 * Rows of one file must agree with each other: a person on several rows (one per decision) has the same data on
 * each, and a decision (person, programme, decision number) appears once. Kept in memory for one file only.
 */
export class FileConsistency {
  private readonly persons = new Map<string, { row: number; fingerprint: string }>();
  private readonly decisions = new Map<string, number>();

  check(rowNumber: number, row: RegisterRow): RowProblem[] {
    const id = row.person.nationalId;
    // The destination's start defaults to each decision's effective_from: two decisions of one person may differ there.
    const fingerprint = JSON.stringify([row.person, row.household?.code ?? null, row.residence, { ...row.destination, validFrom: undefined }]);
    const earlier = this.persons.get(id);
    if (earlier && earlier.fingerprint !== fingerprint) {
      return [{ field: 'national_id', code: 'CONFLICTING_PERSON', reason: `row ${earlier.row} has the same ID number with other person, residence or destination data` }];
    }
    const decisionKey = `${id}|${row.decision.programme}|${row.decision.decisionNumber}`;
    const sameDecision = this.decisions.get(decisionKey);
    if (sameDecision !== undefined) {
      return [{ field: 'decision_number', code: 'DUPLICATE_DECISION', reason: `row ${sameDecision} has the same person, programme and decision number` }];
    }
    if (!earlier) this.persons.set(id, { row: rowNumber, fingerprint });
    this.decisions.set(decisionKey, rowNumber);
    return [];
  }

  /** The person of an earlier row (checked before this row's own person is added): a care allowance may name them. */
  hasPerson(nationalId: string): boolean {
    return this.persons.has(nationalId);
  }
}
