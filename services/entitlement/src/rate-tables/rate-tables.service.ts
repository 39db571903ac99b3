import { Injectable } from '@nestjs/common';
import { assertFourEyes, type AuthUser } from '@benefits/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dong } from '@benefits/money';
import { checkNotSuperseded, InvalidTableVersionError, programmeOfGroup, RateBook, validateProposal, type Programme, type TableVersion } from '../domain';
import { topUpFuneralSupport } from '../life-events/funeral-top-ups';
import { AlreadyDecidedError, NotFoundError, ProgrammeNotAllowedError, TableVersionRefusedError } from '../common/errors';
import type { ListTableVersionsQuery, ProposeTableVersionDto, TableVersionView } from './rate-table.dto';
import { statusOf, toTableVersion, type VersionRecord } from './rate-table.mapping';
import { RateTableRepository } from './rate-table.repository';
import { RateBookStore } from './rate-book.store';

/**
 * Rate tables as data: an operator proposes a version, validated against the book (no overlapping periods, no
 * group left unpriced, no reaching into a later version's months ...); a second person approves it, and only then does it enter the book. Nothing is edited.
 */
@Injectable()
export class RateTablesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RateTableRepository,
    private readonly store: RateBookStore,
  ) {}

  async list(query: ListTableVersionsQuery): Promise<TableVersionView[]> {
    return (await this.repository.list(query)).map(view);
  }

  async get(id: string): Promise<TableVersionView> {
    const record = await this.repository.find(id);
    if (!record) throw new NotFoundError(`Table version ${id}`);
    return view(record);
  }

  async propose(dto: ProposeTableVersionDto, user: AuthUser): Promise<TableVersionView> {
    const version: TableVersion = {
      id: `${dto.table}${dto.scope ? `:${dto.scope}` : ''}:${dto.effectiveFrom}:${randomUUID().slice(0, 8)}`,
      table: dto.table,
      ...(dto.scope !== undefined && { scope: dto.scope }),
      effectiveFrom: dto.effectiveFrom,
      ...(dto.effectiveTo !== undefined && { effectiveTo: dto.effectiveTo }),
      enteredAt: new Date().toISOString(),
      instrument: dto.instrument.trim(),
      confidence: dto.confidence.trim(),
      ...(dto.standardLevel !== undefined && { standardLevel: dong(dto.standardLevel) }),
      rows: dto.rows.map((row) => ({ ...row, amount: row.amount === undefined ? undefined : dong(row.amount) })),
    };
    assertActsFor(user, version);
    const issues = validateProposal(version, await this.store.refresh());
    if (issues.length > 0) throw new InvalidTableVersionError(version.id, issues);
    await this.repository.insert(version, user.id);
    return this.get(version.id);
  }

  /** Four eyes: the proposer cannot approve. The version is validated again against the book as it is now. */
  async approve(id: string, user: AuthUser): Promise<TableVersionView> {
    await this.dataSource.transaction(async (tx) => {
      await this.repository.lockBook(tx);
      const record = await this.decidable(id, tx);
      assertFourEyes(record.proposed_by, user.id, `table version ${id}`);
      const book = await this.store.refresh(tx);
      const decidedAt = enteredAfter(book);
      const version = toTableVersion(record, decidedAt);
      assertActsFor(user, version);
      const issues = [...validateProposal(version, book), ...checkNotSuperseded(version, record.proposed_at.toISOString(), book)];
      // A refusal (422) with its status: the approver's one-time token is not spent by a decision not taken.
      if (issues.length > 0) throw new TableVersionRefusedError(new InvalidTableVersionError(id, issues).message, issues);
      await this.repository.decide(tx, id, 'approved', user.id, decidedAt, null);
      // Funeral support is a multiple of the standard level of the month of death: recorded earlier, it is owed more.
      if (version.table === 'standard_level') {
        await topUpFuneralSupport(tx, RateBook.fromVersions([...book.versions, version]), { from: version.effectiveFrom, ...(version.effectiveTo && { to: version.effectiveTo }) });
      }
    });
    await this.store.refresh();
    return this.get(id);
  }

  async reject(id: string, user: AuthUser, reason: string): Promise<TableVersionView> {
    await this.dataSource.transaction(async (tx) => {
      const record = await this.decidable(id, tx);
      assertActsFor(user, toTableVersion(record, record.proposed_at));
      await this.repository.decide(tx, id, 'rejected', user.id, new Date().toISOString(), reason);
    });
    return this.get(id);
  }

  private async decidable(id: string, tx: Parameters<RateTableRepository['find']>[1]): Promise<VersionRecord> {
    const record = await this.repository.find(id, tx, true);
    if (!record) throw new NotFoundError(`Table version ${id}`);
    if (record.decision) throw new AlreadyDecidedError(id, record.decision);
    return record;
  }
}

/**
 * When an approval enters the book: now, and after every version in it. The version entered last answers for its
 * months, so entry order must be approval order (approvals take their turn on the lock), whatever this replica's clock
 * says against the clock of the replica that approved the one before.
 */
function enteredAfter(book: RateBook): string {
  const latest = Math.max(0, ...book.versions.map((v) => Date.parse(v.enteredAt)));
  return new Date(Math.max(Date.now(), latest + 1)).toISOString();
}

/** The programmes a table prices: a province's top-ups, those of the groups its rows top up. */
function programmesOf(version: TableVersion): Programme[] {
  if (version.table === 'standard_level') return [version.scope as Programme];
  if (version.table === 'sa_coefficient') return ['social_assistance'];
  if (version.table === 'province_topup') return [...new Set(version.rows.map((row) => programmeOfGroup(row.key)).filter((p): p is Programme => p !== undefined))];
  return ['meritorious'];
}

/** Operators and approvers act only for their programmes (social assistance/pension: Health; meritorious: Home Affairs). */
function assertActsFor(user: AuthUser, version: TableVersion): void {
  if (user.roles.includes('admin')) return;
  const refused = programmesOf(version).find((programme) => !user.programmes.includes(programme));
  if (refused !== undefined) throw new ProgrammeNotAllowedError(refused);
}

function view(record: VersionRecord): TableVersionView {
  return {
    id: record.id,
    table: record.table_name,
    ...(record.scope !== null && { scope: record.scope }),
    effectiveFrom: record.effective_from,
    ...(record.effective_to !== null && { effectiveTo: record.effective_to }),
    instrument: record.instrument,
    confidence: record.confidence,
    ...(record.standard_level !== null && { standardLevel: record.standard_level }),
    rows: record.rows,
    status: statusOf(record),
    proposedBy: record.proposed_by,
    proposedAt: record.proposed_at.toISOString(),
    ...(record.decided_by !== null && { decidedBy: record.decided_by }),
    ...(record.decided_at !== null && { decidedAt: record.decided_at.toISOString() }),
    ...(record.reason !== null && { reason: record.reason }),
  };
}
