import type { Logger } from 'pino';
import {
  buildPain002,
  Iso20022Error,
  PAIN001_VERSION,
  parsePain001,
  UNKNOWN_MESSAGE_ID,
  verifyControlTotals,
  type Pain001Document,
  type PaymentStatus,
  type StatusReason,
} from '@benefits/iso20022';
import { maskAccount, sha256, vietnamDateTime } from '../shared/determinism';
import type { Scheduler } from '../shared/scheduler';
import { KNOWN_BINS } from './bank-data';
import type { BankConfig } from './config';
import type { Ledger } from './ledger';
import { decideTransfer, type TransferDecision } from './outcomes';

/** One payment of a received file, as the bank tracks it. */
interface Transfer {
  pmtInfId: string;
  instrId: string;
  endToEndId: string;
  amount: string;
  debtorAccount: string;
  creditorAgentBin: string;
  creditorName: string;
  creditorAccount: string;
  status: 'PDNG' | 'ACSC' | 'RJCT';
  reason?: string;
}

interface PaymentFile {
  msgId: string;
  hash: string;
  receivedAt: number;
  ack: Ack;
  /** The whole-file rejection, if any; a rejected file has no transfers. */
  rejection?: StatusReason;
  nbOfTxs?: number;
  ctrlSum?: string;
  transfers: Transfer[];
}

/** The synchronous answer to POST /pain001: a pain.002 and the HTTP status it travels with. */
export interface Ack {
  httpStatus: number;
  xml: string;
  /** True when this is the stored answer to an identical file sent again. */
  replay: boolean;
}

export interface PaymentFilesDeps {
  config: BankConfig;
  scheduler: Scheduler;
  ledger: Ledger;
  logger: Logger;
  /** Called once per file, when no payment of it is pending any more. */
  onFinal: (msgId: string, pain002: string) => void;
}

/** AddtlInf is Max105Text. */
const MAX_INFO = 105;

/**
 * Received pain.001 files and the fate of their payments. Duplicate check as in Mojaloop: same MsgId and same
 * content hash is a resend and gets the original answer; same MsgId with other content is rejected (AM05).
 */
export class PaymentFiles {
  private files = new Map<string, PaymentFile>();
  /** EndToEndIds settled and not returned: the bank's guard against paying one instruction twice. */
  private settled = new Set<string>();

  constructor(private readonly deps: PaymentFilesDeps) {}

  receive(raw: string): Ack {
    const { scheduler, logger } = this.deps;
    const now = scheduler.now();
    let doc: Pain001Document;
    try {
      doc = parsePain001(raw);
    } catch (error) {
      if (!(error instanceof Iso20022Error)) throw error;
      logger.info({ reason: error.message }, 'pain.001 unreadable: file rejected FF01');
      return { httpStatus: 400, xml: this.rejectUnread(error.message), replay: false };
    }
    const hash = sha256(raw);
    const known = this.files.get(doc.msgId);
    if (known?.hash === hash) return { ...known.ack, replay: true };
    if (known) {
      logger.info({ msgId: doc.msgId }, 'MsgId reused with other content: rejected AM05');
      const xml = this.rejection(doc.msgId, { code: 'AM05', additionalInfo: 'MsgId already received with other content' }, now);
      return { httpStatus: 409, xml, replay: false };
    }

    const problems = verifyControlTotals(doc);
    return problems.length > 0 ? this.rejectTotals(doc, hash, problems, now) : this.accept(doc, hash, now);
  }

  private rejectTotals(doc: Pain001Document, hash: string, problems: string[], now: number): Ack {
    const file = this.newFile(doc, hash, now);
    file.rejection = { code: 'FF01', additionalInfo: problems.join('; ') };
    file.ack = { httpStatus: 400, xml: this.render(file, now), replay: false };
    // The MsgId is spent even so: a corrected file goes out under a new MsgId, as banks require.
    this.files.set(file.msgId, file);
    this.deps.logger.info({ msgId: file.msgId, problems }, 'control totals do not match: file rejected FF01');
    return file.ack;
  }

  private accept(doc: Pain001Document, hash: string, now: number): Ack {
    const file = this.newFile(doc, hash, now);
    for (const p of doc.paymentInstructions) {
      this.deps.ledger.open(p.debtorAccount);
      for (const t of p.transactions) {
        file.transfers.push({ ...t, pmtInfId: p.pmtInfId, debtorAccount: p.debtorAccount, status: 'PDNG' });
      }
    }
    // The acknowledgement is about the file: its payments appear on the status report.
    file.ack = { httpStatus: 202, xml: this.render(file, now, false), replay: false };
    this.files.set(file.msgId, file);
    this.deps.scheduler.at(now + this.deps.config.outcomeDelayMs, (at) => this.settle(file, 'first', at));
    this.deps.logger.info({ msgId: file.msgId, transfers: file.transfers.length, ctrlSum: file.ctrlSum }, 'pain.001 accepted');
    return file.ack;
  }

  private newFile(doc: Pain001Document, hash: string, now: number): PaymentFile {
    return {
      msgId: doc.msgId,
      hash,
      receivedAt: now,
      ack: { httpStatus: 202, xml: '', replay: false },
      nbOfTxs: doc.declared.nbOfTxs,
      ctrlSum: doc.declared.ctrlSum,
      transfers: [],
    };
  }

  /** The pain.002 for a file that could not be read at all (FF01); nothing is stored. */
  rejectUnread(reason: string): string {
    return this.rejection(UNKNOWN_MESSAGE_ID, { code: 'FF01', additionalInfo: reason }, this.deps.scheduler.now());
  }

  /** The current pain.002 of a file, with a line per payment; undefined for an unknown MsgId. */
  report(msgId: string): string | undefined {
    const file = this.files.get(msgId);
    return file && this.render(file, this.deps.scheduler.now());
  }

  count(): number {
    return this.files.size;
  }

  reset(): void {
    this.files.clear();
    this.settled.clear();
  }

  private settle(file: PaymentFile, pass: 'first' | 'late', at: number): void {
    const { config } = this.deps;
    for (const transfer of file.transfers) {
      if (transfer.status !== 'PDNG') continue;
      const decision = decideTransfer(transfer, {
        knownBins: KNOWN_BINS,
        alreadySettled: this.settled.has(transfer.endToEndId),
        pass,
        seed: config.seed,
        randomRejectPercent: config.randomRejectPercent,
      });
      this.apply(file, transfer, decision, at);
    }
    if (pass === 'first' && file.transfers.some((t) => t.status === 'PDNG')) {
      this.deps.scheduler.at(file.receivedAt + Math.max(config.lateDelayMs, config.outcomeDelayMs), (later) => this.settle(file, 'late', later));
      return;
    }
    this.deps.onFinal(file.msgId, this.render(file, at));
  }

  private apply(file: PaymentFile, transfer: Transfer, decision: TransferDecision, at: number): void {
    if (decision.status === 'PDNG') return;
    const { ledger, scheduler, config, logger } = this.deps;
    transfer.status = decision.status;
    const line = {
      account: transfer.debtorAccount,
      amount: transfer.amount,
      msgId: file.msgId,
      pmtInfId: transfer.pmtInfId,
      instrId: transfer.instrId,
      endToEndId: transfer.endToEndId,
    };
    const log = { msgId: file.msgId, endToEndId: transfer.endToEndId, account: maskAccount(transfer.creditorAccount) };
    if (decision.status === 'RJCT') {
      transfer.reason = decision.reason;
      logger.info({ ...log, reason: decision.reason }, 'payment rejected');
      return;
    }
    this.settled.add(transfer.endToEndId);
    ledger.book({ ...line, at, creditDebit: 'DBIT' });
    logger.info(log, 'payment settled');
    const returnReason = decision.returnReason;
    if (returnReason === undefined) return;
    scheduler.at(at + config.returnDelayMs, (returnedAt) => {
      ledger.book({ ...line, at: returnedAt, creditDebit: 'CRDT', returnReason });
      // The money is back: paying this instruction again is no longer a duplicate.
      this.settled.delete(transfer.endToEndId);
      logger.info({ ...log, reason: returnReason }, 'payment returned');
    });
  }

  private render(file: PaymentFile, now: number, withTransactions = true): string {
    const statuses = file.transfers.map((t) => t.status);
    return buildPain002({
      msgId: reportId(this.deps.config.seed, file.msgId, statuses.join()),
      createdAt: vietnamDateTime(now),
      originalMsgId: file.msgId,
      originalMsgNameId: PAIN001_VERSION,
      originalNbOfTxs: file.nbOfTxs,
      originalCtrlSum: file.ctrlSum,
      groupStatus: file.rejection ? 'RJCT' : groupStatus(statuses),
      groupReasons: file.rejection ? [truncate(file.rejection)] : [],
      transactions: withTransactions
        ? file.transfers.map((t) => ({
            originalPmtInfId: t.pmtInfId,
            originalInstrId: t.instrId,
            originalEndToEndId: t.endToEndId,
            status: t.status,
            reasons: t.reason ? [{ code: t.reason }] : [],
            amount: t.amount,
          }))
        : [],
    });
  }

  private rejection(msgId: string, reason: StatusReason, now: number): string {
    return buildPain002({
      msgId: reportId(this.deps.config.seed, msgId, `${reason.code}-${now}`),
      createdAt: vietnamDateTime(now),
      originalMsgId: msgId,
      originalMsgNameId: PAIN001_VERSION,
      groupStatus: 'RJCT',
      groupReasons: [truncate(reason)],
      transactions: [],
    });
  }
}

/** ACCP while anything is pending; then ACSC (all settled), RJCT (all rejected) or PART. */
function groupStatus(statuses: Transfer['status'][]): PaymentStatus {
  if (statuses.includes('PDNG')) return 'ACCP';
  if (statuses.every((s) => s === 'ACSC')) return 'ACSC';
  if (statuses.every((s) => s === 'RJCT')) return 'RJCT';
  return 'PART';
}

function reportId(seed: string, msgId: string, state: string): string {
  return `PSR-${sha256(seed, msgId, state).slice(0, 24)}`;
}

function truncate(reason: StatusReason): StatusReason {
  const info = reason.additionalInfo;
  return info && info.length > MAX_INFO ? { ...reason, additionalInfo: `${info.slice(0, MAX_INFO - 3)}...` } : reason;
}
