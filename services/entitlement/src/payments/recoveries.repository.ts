import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { monthOfDate, type ArrearsLine, type Programme } from '../domain';
import { CalculationRepository } from '../runs/calculation.repository';
import type { PersonHistory } from '../runs/domain/arrears-history';
import type { DeathHistory } from './domain/death-recoveries';
import type { Termination, TerminationHistory } from './domain/termination-recoveries';

/** A termination as recorded in entitlement.terminations. */
export interface RecordedTermination extends Termination {
  readonly decisionId: string;
  readonly personRef: string;
  readonly eventId: string;
  readonly terminatedAt: string;
}

/** The history behind recoveries after a death or a termination: what was paid for the months after it. */
@Injectable()
export class RecoveriesRepository {
  constructor(private readonly calculations: CalculationRepository) {}

  /**
   * Each death's history: the months after the month of death that have a payment or arrears, read as a run reads
   * them (CalculationRepository.histories, as terminationHistory does), in one read for all the deaths.
   */
  async deathHistories(tx: EntityManager, deaths: readonly { personRef: string; dateOfDeath: string }[]): Promise<DeathHistory[]> {
    if (deaths.length === 0) return [];
    const after = `JOIN unnest($1::uuid[], $2::text[]) AS d(person_ref, death_month) ON d.person_ref = x.person_ref AND x.month > d.death_month`;
    const rows: { month: string }[] = await tx.query(
      `SELECT x.month FROM entitlement.payments_received x ${after} UNION SELECT x.month FROM entitlement.arrears_lines x ${after}`,
      [deaths.map((d) => d.personRef), deaths.map((d) => monthOfDate(d.dateOfDeath))],
    );
    const histories = rows.length > 0 ? await this.calculations.histories(tx, deaths.map((d) => d.personRef), rows.map((r) => r.month)) : new Map<string, PersonHistory>();
    // Months up to another person's death are read too; recoveriesAfterDeath looks only after each one's own.
    return deaths.map((death) => ({ ...death, ...(histories.get(death.personRef) ?? { payments: [], lines: [], arrears: [], recoveries: [] }) }));
  }

  /**
   * A termination's history: the months of its programme after the month of the last day paid that have a payment
   * or arrears, read as a run reads them (payments, lines with their items, arrears, recoveries, terminations), and
   * the person's death if it is recorded (the months after it are the death's).
   */
  async terminationHistory(tx: EntityManager, termination: RecordedTermination): Promise<TerminationHistory> {
    const rows: { month: string }[] = await tx.query(
      `SELECT month FROM entitlement.payments_received WHERE person_ref = $1 AND programme = $2 AND month > $3
       UNION SELECT month FROM entitlement.arrears_lines WHERE person_ref = $1 AND programme = $2 AND month > $3`,
      [termination.personRef, termination.programme, monthOfDate(termination.lastDayPaid)],
    );
    const history =
      rows.length > 0 ? (await this.calculations.histories(tx, [termination.personRef], rows.map((r) => r.month))).get(termination.personRef) : undefined;
    const [death] = rows.length > 0 ? await this.deathsOf(tx, [termination.personRef]) : [];
    return {
      personRef: termination.personRef,
      termination,
      // Read with the history, this termination with the others (it is recorded before it is examined).
      terminations: history?.terminations ?? [],
      payments: history?.payments ?? [],
      lines: history?.lines ?? [],
      arrears: history?.arrears ?? [],
      recoveries: history?.recoveries ?? [],
      ...(death && { dateOfDeath: death.dateOfDeath }),
    };
  }

  /**
   * Months a termination left owed in another programme, for the next run to pay (CalculationRepository.candidates
   * looks at them again). A redelivered termination finds its rows there and adds nothing.
   */
  async insertOwedElsewhere(tx: EntityManager, sourceId: string, lines: readonly ArrearsLine[]): Promise<void> {
    if (lines.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.owed_elsewhere (person_ref, programme, month, amount, explanation, source_id)
       SELECT o.*, $1 FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::jsonb[]) AS o(person_ref, programme, month, amount, explanation)
       ON CONFLICT DO NOTHING`,
      [
        sourceId,
        lines.map((l) => l.personRef),
        lines.map((l) => l.programme),
        lines.map((l) => l.month),
        lines.map((l) => l.difference.toString()),
        lines.map((l) => JSON.stringify(l.explanation)),
      ],
    );
  }

  /** The recorded terminations of these persons. */
  async terminationsOf(tx: EntityManager, persons: readonly string[]): Promise<RecordedTermination[]> {
    const rows: {
      decision_id: string;
      person_ref: string;
      programme: Programme;
      group_code: string;
      last_day_paid: string;
      decision_number: string;
      reason_code: string;
      event_id: string;
      terminated_at: Date;
      cared_for_ref: string | null;
      amending_group_code: string | null;
    }[] = await tx.query(
      `SELECT decision_id, person_ref, programme, group_code, last_day_paid::text, decision_number, reason_code, event_id, terminated_at, cared_for_ref,
              amending_group_code
         FROM entitlement.terminations WHERE person_ref = ANY($1::uuid[]) ORDER BY last_day_paid, recorded_at`,
      [persons],
    );
    return rows.map((r) => ({
      decisionId: r.decision_id,
      personRef: r.person_ref,
      programme: r.programme,
      groupCode: r.group_code,
      lastDayPaid: r.last_day_paid,
      decisionNumber: r.decision_number,
      reasonCode: r.reason_code,
      eventId: r.event_id,
      terminatedAt: r.terminated_at.toISOString(),
      ...(r.cared_for_ref && { caredForRef: r.cared_for_ref }),
      ...(r.amending_group_code && { amendingFamily: r.amending_group_code }),
    }));
  }

  /** The recorded deaths among these persons. */
  async deathsOf(tx: EntityManager, persons: readonly string[]): Promise<{ personRef: string; dateOfDeath: string }[]> {
    const rows: { person_ref: string; date_of_death: string }[] = await tx.query(
      `SELECT person_ref, date_of_death::text FROM entitlement.deaths WHERE person_ref = ANY($1::uuid[])`,
      [persons],
    );
    return rows.map((r) => ({ personRef: r.person_ref, dateOfDeath: r.date_of_death }));
  }
}
