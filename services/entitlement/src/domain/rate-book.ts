import { formatDong, type Dong } from '@benefits/money';
import { MAX_INJURY_RATE, MIN_INJURY_RATE, NCC_GROUPS, nccGroup, saGroup, tableId, type Programme, type TableName } from './catalogue';
import { InvalidItemError, InvalidTableVersionError, NoRateTableError, UnknownGroupError } from './errors';
import { assertMonth, monthInPeriod, type Month } from './month';
import type { RateRow, TableVersion } from './table-version';
import { validateTableVersion } from './validate-table-version';

/** Where an answer of the rate book comes from, for the explanation. */
export interface RateSource {
  readonly versionId: string;
  /** The version's instrument and the row's article, e.g. "Decree 20/2021/ND-CP Art.5(1)". */
  readonly instrument: string;
  readonly effectiveFrom: Month;
  readonly confidence: string;
}

export interface AmountAnswer extends RateSource {
  readonly amount: Dong;
}

export interface CoefficientAnswer extends RateSource {
  readonly coefficient: string;
}

const timeOf = (instant: string): number => Date.parse(instant);

type Memo<T> = { readonly value: T } | { readonly error: unknown };

/**
 * The effective-dated rate book: all table versions ever entered. For a table and a month, the version
 * entered last among those covering the month answers (ties: the later effective date). Immutable: adding a
 * version returns a new book. Because it is immutable, every answer (and every thrown NoRateTableError) is
 * remembered per question: a run of a million people asks the same few hundred questions.
 */
export class RateBook {
  private readonly memo = new Map<string, Memo<unknown>>();
  private readonly pastBooks = new Map<string, RateBook>();

  private constructor(readonly versions: readonly TableVersion[]) {}

  static empty(): RateBook {
    return new RateBook([]);
  }

  /** Builds a book by adding each version in turn; throws InvalidTableVersionError on the first invalid one. */
  static fromVersions(versions: readonly TableVersion[]): RateBook {
    return versions.reduce((book, version) => book.withVersion(version), RateBook.empty());
  }

  withVersion(version: TableVersion): RateBook {
    const issues = validateTableVersion(version, this);
    if (issues.length > 0) throw new InvalidTableVersionError(version.id, issues);
    return new RateBook([...this.versions, version]);
  }

  /** The book as it stood at `instant`: only the versions entered by then. */
  asOf(instant: string): RateBook {
    let book = this.pastBooks.get(instant);
    if (book === undefined) {
      const limit = timeOf(instant);
      book = new RateBook(this.versions.filter((version) => timeOf(version.enteredAt) <= limit));
      this.pastBooks.set(instant, book);
    }
    return book;
  }

  /** The version of a table that answers for a month, if any. */
  versionFor(table: TableName, month: Month, scope?: string): TableVersion | undefined {
    return this.remember(`version|${table}|${scope ?? ''}|${month}`, () => this.findVersion(table, month, scope));
  }

  private findVersion(table: TableName, month: Month, scope?: string): TableVersion | undefined {
    assertMonth(month);
    const covering = this.versions.filter(
      (v) => v.table === table && v.scope === scope && monthInPeriod(month, v.effectiveFrom, v.effectiveTo),
    );
    const latest = (a: TableVersion, b: TableVersion): TableVersion => {
      const byEntry = timeOf(a.enteredAt) - timeOf(b.enteredAt);
      if (byEntry !== 0) return byEntry > 0 ? a : b;
      return a.effectiveFrom >= b.effectiveFrom ? a : b;
    };
    return covering.length === 0 ? undefined : covering.reduce(latest);
  }

  levelFor(programme: Programme, month: Month): AmountAnswer {
    return this.remember(`level|${programme}|${month}`, () => this.amount('standard_level', programme, month, programme));
  }

  coefficientFor(code: string, month: Month): CoefficientAnswer {
    return this.remember(`coefficient|${code}|${month}`, () => this.findCoefficient(code, month));
  }

  private findCoefficient(code: string, month: Month): CoefficientAnswer {
    if (saGroup(code) === undefined) throw new UnknownGroupError('social_assistance', code);
    const { version, row } = this.row('sa_coefficient', code, month);
    if (row.coefficient === undefined) throw new NoRateTableError(tableId('sa_coefficient'), code, month, 'row has no coefficient');
    return { ...sourceOf(version, row), coefficient: row.coefficient };
  }

  /**
   * A meritorious amount: a group's table amount (war invalids by injury rate) or a supplement's amount.
   * The fixed tables answer only while the meritorious standard level they were computed from is in force;
   * they are never scaled to a new level.
   */
  nccAmountFor(code: string, month: Month, injuryRate?: number): AmountAnswer {
    return this.remember(`ncc|${code}|${month}|${injuryRate ?? ''}`, () => this.findNccAmount(code, month, injuryRate));
  }

  private findNccAmount(code: string, month: Month, injuryRate?: number): AmountAnswer {
    const group = nccGroup(code);
    if (group?.pricing === 'war_invalid_a' || group?.pricing === 'war_invalid_b') {
      if (injuryRate === undefined || !Number.isInteger(injuryRate) || injuryRate < MIN_INJURY_RATE || injuryRate > MAX_INJURY_RATE) {
        throw new InvalidItemError(code, `needs a whole injury rate from ${MIN_INJURY_RATE} to ${MAX_INJURY_RATE}%, got ${injuryRate}`);
      }
      const table = group.pricing === 'war_invalid_a' ? 'ncc_war_invalid_a' : 'ncc_war_invalid_b';
      return this.meritoriousAmount(table, String(injuryRate), month, `${code} ${injuryRate}%`);
    }
    if (group === undefined && !isSupplementKey(code)) throw new UnknownGroupError('meritorious', code);
    return this.meritoriousAmount('ncc_monthly', code, month, code);
  }

  /** A province's extra amount for a group in a month, or undefined when the province pays no top-up. */
  provinceTopUpFor(provinceCode: string, groupCode: string, month: Month): AmountAnswer | undefined {
    return this.remember(`topup|${provinceCode}|${groupCode}|${month}`, () => this.findTopUp(provinceCode, groupCode, month));
  }

  private findTopUp(provinceCode: string, groupCode: string, month: Month): AmountAnswer | undefined {
    const version = this.versionFor('province_topup', month, provinceCode);
    const row = version?.rows.find((r) => r.key === groupCode && rowCovers(version, r, month));
    if (version === undefined || row?.amount === undefined) return undefined;
    return { ...sourceOf(version, row), amount: row.amount };
  }

  /** The remembered answer to a question, or the remembered error, thrown again. */
  private remember<T>(question: string, answer: () => T): T {
    let memo = this.memo.get(question) as Memo<T> | undefined;
    if (memo === undefined) {
      try {
        memo = { value: answer() };
      } catch (error) {
        memo = { error };
      }
      this.memo.set(question, memo);
    }
    if ('error' in memo) throw memo.error;
    return memo.value;
  }

  private meritoriousAmount(table: TableName, key: string, month: Month, label: string): AmountAnswer {
    const answer = this.amount(table, key, month);
    const version = this.versionFor(table, month);
    const level = this.levelFor('meritorious', month);
    if (version?.standardLevel !== level.amount) {
      throw new NoRateTableError(
        tableId(table),
        label,
        month,
        `the table of ${answer.effectiveFrom} (${answer.instrument}) was computed from the meritorious standard level ` +
          `${formatDong(version?.standardLevel ?? 0n)}, but the level for ${month} is ${formatDong(level.amount)} ` +
          `(${level.instrument}); enter the official table for that level`,
      );
    }
    return answer;
  }

  private amount(table: TableName, key: string, month: Month, scope?: string): AmountAnswer {
    const { version, row } = this.row(table, key, month, scope);
    if (row.amount === undefined) throw new NoRateTableError(tableId(table, scope), key, month, 'row has no amount');
    return { ...sourceOf(version, row), amount: row.amount };
  }

  private row(table: TableName, key: string, month: Month, scope?: string): { version: TableVersion; row: RateRow } {
    const version = this.versionFor(table, month, scope);
    if (version === undefined) throw new NoRateTableError(tableId(table, scope), key, month, 'no table version covers the month');
    const row = version.rows.find((r) => r.key === key && rowCovers(version, r, month));
    if (row === undefined) throw new NoRateTableError(tableId(table, scope), key, month, `version ${version.id} has no row for it`);
    return { version, row };
  }
}

function rowCovers(version: TableVersion, row: RateRow, month: Month): boolean {
  return monthInPeriod(month, row.from ?? version.effectiveFrom, row.to ?? version.effectiveTo);
}

function sourceOf(version: TableVersion, row: RateRow): RateSource {
  return {
    versionId: version.id,
    instrument: row.source ? `${version.instrument} ${row.source}` : version.instrument,
    effectiveFrom: version.effectiveFrom,
    confidence: version.confidence,
  };
}

function isSupplementKey(code: string): boolean {
  return Object.values(NCC_GROUPS).some((group) => group.supplements?.some((s) => s.key === code));
}
