import {
  computeArrears,
  type ArrearsLine,
  type EntitlementItem,
  type Month,
  type MonthCalculator,
  type Programme,
  type RateBook,
  type RecoveryRecord,
} from '../../domain';
import { arrearsHistory, candidatesOf, examination, type LedgerCandidate, type PersonHistory } from './arrears-history';
import { pricePerson, type RunException } from './price-person';
import { outputLines, type OneOffDue, type OutputLine } from './run-items';
import type { PersonInput } from './snapshot-input';

export interface BatchInput {
  readonly runMonth: Month;
  /**
   * The programmes the run covers (its snapshot's declaration). Two runs of a month may cover different programmes
   * (meritorious service apart from social assistance): a ledger month of another programme is that run's to settle,
   * and disbursement refuses an item outside its run's scope, while the arrears stored here would stand as scheduled.
   */
  readonly programmes: readonly Programme[];
  readonly provinceCode: string;
  readonly book: RateBook;
  readonly calculate: MonthCalculator;
  readonly persons: readonly PersonInput[];
  /** Per person: past months the ledger says must be looked at again. Persons absent have none. */
  readonly candidates: ReadonlyMap<string, readonly LedgerCandidate[]>;
  /** Per person and programme: the last month before the run that was paid or calculated. */
  readonly lastKnown: ReadonlyMap<string, ReadonlyMap<Programme, Month>>;
  /** Per person examined: their history for the examined months. */
  readonly histories: ReadonlyMap<string, PersonHistory>;
  readonly oneOffs: readonly OneOffDue[];
}

/** An arrears line with the items its month was priced with, for its programme (kept with it: arrears-history.ts). */
export type PricedArrearsLine = ArrearsLine & { readonly inputs: readonly EntitlementItem[] };

export interface BatchResult {
  readonly lines: readonly OutputLine[];
  readonly exceptions: readonly (RunException & { personRef: string })[];
  readonly arrears: readonly PricedArrearsLine[];
  readonly recoveries: readonly RecoveryRecord[];
}

const NO_HISTORY: PersonHistory = { payments: [], lines: [], arrears: [], recoveries: [] };

/**
 * The months a person must be examined for, or none: decides whose history is loaded at all. Only the ledger's months
 * of the run's programmes: another programme's are settled by its own run.
 */
export function monthsToExamine(person: PersonInput, input: Pick<BatchInput, 'runMonth' | 'programmes' | 'candidates' | 'lastKnown'>) {
  const inScope = (input.candidates.get(person.personRef) ?? []).filter((c) => input.programmes.includes(c.programme));
  const candidates = candidatesOf(person, inScope);
  return examination(person.windows, candidates, input.lastKnown.get(person.personRef) ?? new Map(), input.runMonth);
}

/**
 * A batch of persons of a run: the month's amount of each (pricePerson), the arrears and recoveries of the past
 * months that need it (computeArrears over the history assembled from the ledger), and the one-offs due.
 */
export function calculateBatch(input: BatchInput): BatchResult {
  const lines: OutputLine[] = [];
  const exceptions: (RunException & { personRef: string })[] = [];
  const allArrears: PricedArrearsLine[] = [];
  const recoveries: RecoveryRecord[] = [];
  const seen = new Set<string>();
  for (const person of input.persons) {
    seen.add(person.personRef);
    const pricing = pricePerson(person, input.runMonth, input.provinceCode, input.book, input.calculate);
    exceptions.push(...pricing.exceptions.map((e) => ({ ...e, personRef: person.personRef })));
    const exam = monthsToExamine(person, input);
    for (const programme of exam.unknown) {
      const message = 'arrears after a suspension were asked for, but no earlier month is known: send arrearsFrom';
      exceptions.push({ personRef: person.personRef, programme, month: input.runMonth, kind: 'ARREARS_UNKNOWN', code: 'ARREARS_UNKNOWN', message });
    }
    let arrears: readonly PricedArrearsLine[] = [];
    if (exam.months.length > 0) {
      const history = arrearsHistory(person, input.provinceCode, input.runMonth, exam, input.histories.get(person.personRef) ?? NO_HISTORY);
      const result = computeArrears(history, input.book, input.calculate);
      const itemsOf = (line: ArrearsLine) => history.months.find((m) => m.month === line.month)?.entitlement.items.filter((i) => i.programme === line.programme) ?? [];
      arrears = result.lines.map((line) => ({ ...line, inputs: itemsOf(line) }));
      recoveries.push(...result.recoveries);
      // A month already reported unpriced by an earlier run is looked at again each run, but reported only once.
      const known = new Set((input.candidates.get(person.personRef) ?? []).filter((c) => c.owed).map((c) => `${c.month}|${c.programme}`));
      for (const unpriced of result.unpriced) {
        for (const programme of unpriced.programmes.filter((p) => !known.has(`${unpriced.month}|${p}`))) {
          exceptions.push({ personRef: person.personRef, programme, month: unpriced.month, kind: 'ARREARS_UNPRICED', code: unpriced.code, message: unpriced.message });
        }
      }
    }
    allArrears.push(...arrears);
    const oneOffs = input.oneOffs.filter((o) => o.personRef === person.personRef);
    lines.push(...outputLines(person.personRef, input.runMonth, pricing.programmes, arrears, oneOffs));
  }
  const others = new Map<string, OneOffDue[]>();
  for (const o of input.oneOffs.filter((due) => !seen.has(due.personRef))) others.set(o.personRef, [...(others.get(o.personRef) ?? []), o]);
  for (const [personRef, dues] of others) lines.push(...outputLines(personRef, input.runMonth, [], [], dues));
  return { lines, exceptions, arrears: allArrears, recoveries };
}
