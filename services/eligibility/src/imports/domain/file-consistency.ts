import type { RegisterRow, RowProblem } from './import-layout';

/**
 * Rows of one file must agree with each other: a person on several rows (one per decision) has the same data on
 * each, and a decision (person, programme, decision number) appears once. Kept in memory for one file only.
 * A row is checked against the rows added before it; only an accepted row is added (a rejected row is not stored,
 * so no later row may name its person as the one cared for, nor conflict with its data).
 */
export class FileConsistency {
  private readonly persons = new Map<string, { row: number; fingerprint: string; person: RegisterRow['person'] }>();
  private readonly decisions = new Map<string, number>();
  /** commune|household code|year → the poverty status an accepted row gave, and that row. */
  private readonly poverty = new Map<string, { row: number; status: string }>();

  check(row: RegisterRow): RowProblem[] {
    const earlier = this.persons.get(row.person.nationalId);
    if (earlier && earlier.fingerprint !== fingerprintOf(row)) {
      return [{ field: 'national_id', code: 'CONFLICTING_PERSON', reason: `row ${earlier.row} has the same ID number with other person, residence or destination data` }];
    }
    const sameDecision = this.decisions.get(decisionKeyOf(row));
    if (sameDecision !== undefined) {
      return [{ field: 'decision_number', code: 'DUPLICATE_DECISION', reason: `row ${sameDecision} has the same person, programme and decision number` }];
    }
    // One household has one status on a year's list: the register keeps one, so another would be dropped unseen.
    const key = povertyKeyOf(row);
    const listed = key === undefined ? undefined : this.poverty.get(key);
    if (listed && listed.status !== row.household?.poverty?.status) {
      return [{ field: 'poverty_status', code: 'CONFLICTING_POVERTY_STATUS', reason: `row ${listed.row} gives this household another poverty_status for ${row.household?.poverty?.year}` }];
    }
    return [];
  }

  /** An accepted row: its person and decision are on record for the rows after it. */
  add(rowNumber: number, row: RegisterRow): void {
    if (!this.persons.has(row.person.nationalId)) this.persons.set(row.person.nationalId, { row: rowNumber, fingerprint: fingerprintOf(row), person: row.person });
    this.decisions.set(decisionKeyOf(row), rowNumber);
    const key = povertyKeyOf(row);
    if (key !== undefined && !this.poverty.has(key)) this.poverty.set(key, { row: rowNumber, status: row.household?.poverty?.status ?? '' });
  }

  /** The person of an earlier accepted row (stored before this one): a care allowance may name them. */
  person(nationalId: string): RegisterRow['person'] | undefined {
    return this.persons.get(nationalId)?.person;
  }
}

/** The destination's start defaults to each decision's effective_from: two decisions of one person may differ there. */
function fingerprintOf(row: RegisterRow): string {
  return JSON.stringify([row.person, row.household?.code ?? null, row.residence, { ...row.destination, validFrom: undefined }]);
}

/** A household is one commune's code (register-writer), the commune in force (validate-row): its list of one year. */
function povertyKeyOf(row: RegisterRow): string | undefined {
  const poverty = row.household?.poverty;
  return poverty && `${row.household?.communeCode}|${row.household?.code}|${poverty.year}`;
}

function decisionKeyOf(row: RegisterRow): string {
  return `${row.person.nationalId}|${row.decision.programme}|${row.decision.decisionNumber}`;
}
