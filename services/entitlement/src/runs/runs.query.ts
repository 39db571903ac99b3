import { Injectable } from '@nestjs/common';
import { readableCommunes, readableProgrammes, type AuthUser } from '@benefits/platform';
import { NotFoundError } from '../common/errors';
import type { ExceptionView, PersonRunView, RecoveriesQuery, RecoveryPageView, RunSummaryView } from './run-view.dto';
import { RunViewRepository, type ReadScope } from './run-view.repository';

const EXCEPTIONS_SHOWN = 100;

/**
 * What operators, approvers and finance read about runs and recoveries. Person-level records (the persons left unpaid,
 * a person's amounts, recoveries) are of the programmes and, for a token limited to communes, the communes the user
 * reads (`readScope`; the rule in SQL: person-communes.ts); the run's own figures are the same for everyone.
 */
@Injectable()
export class RunsQuery {
  constructor(private readonly repository: RunViewRepository) {}

  /** The run's totals; the persons left unpaid it lists are those the user reads. */
  async summary(user: AuthUser, runId: string): Promise<RunSummaryView> {
    const run = await this.repository.run(runId);
    if (!run) throw new NotFoundError(`Run ${runId}`);
    const [programmes, exceptionCounts, exceptions, arrears, recoveries] = await Promise.all([
      this.repository.programmeTotals(runId),
      this.repository.exceptionCounts(runId),
      this.repository.exceptions(runId, EXCEPTIONS_SHOWN, readScope(user)),
      this.repository.arrearsTotals(runId),
      this.repository.recoveryTotals(runId),
    ]);
    return {
      runId,
      month: run.month,
      status: run.status,
      ...(run.halted_reason && { haltedReason: run.halted_reason }),
      chunkCount: run.next_chunk_no,
      ...(run.book_watermark && { ratesAsOf: run.book_watermark.toISOString() }),
      programmes: programmes.map((p) => ({ programme: p.programme, count: p.count, current: p.current, arrears: p.arrears, oneOffs: p.one_offs, total: p.total })),
      total: {
        count: programmes.reduce((n, p) => n + p.count, 0),
        total: programmes.reduce((sum, p) => sum + BigInt(p.total), 0n).toString(),
      },
      arrears,
      recoveries,
      exceptionCounts,
      exceptions: exceptions.map(exceptionView),
    };
  }

  /**
   * Of the programmes the user reads the person in: a person paid only under others, or of another commune than the
   * token's, is not found (as in every service).
   */
  async person(user: AuthUser, runId: string, personRef: string): Promise<PersonRunView> {
    const run = await this.repository.run(runId);
    if (!run) throw new NotFoundError(`Run ${runId}`);
    const programmes = await this.repository.personProgrammes(personRef, readScope(user));
    if (programmes.length === 0) throw new NotFoundError(`Person ${personRef} in run ${runId}`);
    const [lines, arrears, oneOffs, exceptions] = await Promise.all([
      this.repository.personLines(runId, personRef, programmes),
      this.repository.personArrears(runId, personRef, programmes),
      this.repository.personOneOffs(runId, personRef, programmes),
      this.repository.exceptions(runId, EXCEPTIONS_SHOWN, { ...readScope(user), programmes, personRef }),
    ]);
    if (lines.length + exceptions.length === 0) throw new NotFoundError(`Person ${personRef} in run ${runId}`);
    return {
      runId,
      month: run.month,
      personRef,
      lines: lines.map((l) => ({
        programme: l.programme,
        amount: l.amount,
        arrearsAmount: l.arrears_amount,
        oneOffAmount: l.one_off_amount,
        total: l.total,
        components: (l.components ?? [])
          .filter((c) => c.programme === l.programme)
          .map((c) => ({ programme: c.programme, groupCode: c.groupCode, kind: c.kind, amount: c.amount, text: c.text })),
        explanation: l.explanation ?? [],
      })),
      arrears,
      oneOffs,
      exceptions: exceptions.map(exceptionView),
    };
  }

  /** Those the user reads. */
  async recoveries(user: AuthUser, query: RecoveriesQuery): Promise<RecoveryPageView> {
    const limit = query.limit ?? 100;
    const rows = await this.repository.recoveries({ personRef: query.personRef, after: query.after, limit, ...readScope(user) });
    const items = rows.map((r) => ({
      id: r.id,
      personRef: r.person_ref,
      programme: r.programme,
      month: r.month,
      owed: r.owed,
      paid: r.paid,
      amount: r.amount,
      reason: r.reason,
      explanation: r.explanation,
      source: r.source,
      sourceId: r.source_id,
      createdAt: r.created_at.toISOString(),
    }));
    return { items, ...(rows.length === limit && { next: rows[rows.length - 1].id }) };
  }
}

/** Whose person-level records the user reads: their programmes and, for a token limited to communes, those communes. */
function readScope(user: AuthUser): ReadScope {
  return { programmes: readableProgrammes(user), communes: readableCommunes(user) };
}

function exceptionView(e: { person_ref: string; programme: string; month: string; kind: string; code: string; message: string }): ExceptionView {
  return { personRef: e.person_ref, programme: e.programme, month: e.month, kind: e.kind, code: e.code, message: e.message };
}
