import { assertVndAmount, parseVndAmount, VND } from './amount';
import { Iso20022Error } from './errors';
import { partnerDay } from './dates';
import { checkDate, checkDateTime, checkId } from './fields';
import { amountNode, buildXml, parseXmlSafely, XmlReader } from './xml';

/**
 * camt.053 (end-of-day statement) and camt.054 (intraday debit/credit notification): what reconciliation matches
 * against our payments. Both carry the same entries; only the statement has balances.
 */
export const CAMT053_VERSION = 'camt.053.001.08';
export const CAMT054_VERSION = 'camt.054.001.08';

export type CreditDebit = 'CRDT' | 'DBIT';
export type BalanceType = 'OPBD' | 'CLBD' | 'ITBD' | 'CLAV';

export interface Balance {
  type: BalanceType;
  /** Whole đồng, never negative: the sign is creditDebit (DBIT = overdrawn). */
  amount: string;
  creditDebit: CreditDebit;
  date: string;
}

/** One payment inside an entry; a batch-booked entry carries many. */
export interface TransactionDetails {
  msgId?: string;
  accountServicerRef?: string;
  pmtInfId?: string;
  instrId?: string;
  endToEndId?: string;
  amount?: string;
  /** The beneficiary's account (RltdPties/CdtrAcct), when the bank reports it: the fallback key of matching. */
  creditorAccount?: string;
  /** For a returned payment (a CRDT): the reason, e.g. AC04 or MD07. */
  returnReason?: string;
  returnInfo?: string;
}

export interface StatementEntry {
  entryRef?: string;
  amount: string;
  creditDebit: CreditDebit;
  /**
   * RvslInd: the entry undoes an earlier one of the opposite direction (a CRDT reversal gives back a debit, a DBIT
   * reversal takes back a credit). Absent when it is not a reversal.
   */
  reversal?: true;
  status: 'BOOK' | 'PDNG' | 'INFO';
  bookingDate: string;
  valueDate: string;
  accountServicerRef: string;
  details: TransactionDetails[];
}

/** A Stmt (camt.053) or an Ntfctn (camt.054). */
export interface AccountReport {
  id: string;
  createdAt: string;
  account: string;
  currency?: string;
  balances: Balance[];
  entries: StatementEntry[];
}

export interface CamtDocument {
  kind: 'camt.053' | 'camt.054';
  msgId: string;
  createdAt: string;
  reports: AccountReport[];
}

interface CamtInput {
  msgId: string;
  createdAt: string;
  reports: AccountReport[];
}

export function buildCamt053(input: CamtInput): string {
  return buildCamt(input, CAMT053_VERSION, 'BkToCstmrStmt', 'Stmt', true);
}

/** camt.054 has no balances: any given are not written. */
export function buildCamt054(input: CamtInput): string {
  return buildCamt(input, CAMT054_VERSION, 'BkToCstmrDbtCdtNtfctn', 'Ntfctn', false);
}

function buildCamt(input: CamtInput, version: string, message: string, reportName: string, withBalances: boolean): string {
  return buildXml({
    Document: {
      '@_xmlns': `urn:iso:std:iso:20022:tech:xsd:${version}`,
      [message]: {
        GrpHdr: { MsgId: checkId(input.msgId, 'GrpHdr/MsgId'), CreDtTm: input.createdAt },
        [reportName]: input.reports.map((report) => ({
          Id: checkId(report.id, `${reportName}/Id`),
          CreDtTm: report.createdAt,
          Acct: { Id: { Othr: { Id: report.account } }, Ccy: report.currency ?? VND },
          Bal: withBalances ? report.balances.map(balanceNode) : undefined,
          Ntry: report.entries.map(entryNode),
        })),
      },
    },
  });
}

function balanceNode(b: Balance): Record<string, unknown> {
  return {
    Tp: { CdOrPrtry: { Cd: b.type } },
    Amt: amountNode(assertVndAmount(b.amount, `Bal/${b.type}/Amt`)),
    CdtDbtInd: b.creditDebit,
    Dt: { Dt: checkDate(b.date, `Bal/${b.type}/Dt`) },
  };
}

function entryNode(e: StatementEntry): Record<string, unknown> {
  // PMNT/ICDT/ESCT: an issued credit transfer; PMNT/ICDT/RRTN: one that came back.
  const subFamily = e.details.some((d) => d.returnReason !== undefined) ? 'RRTN' : 'ESCT';
  return {
    NtryRef: e.entryRef,
    Amt: amountNode(assertVndAmount(e.amount, `Ntry/${e.accountServicerRef}/Amt`)),
    CdtDbtInd: e.creditDebit,
    RvslInd: e.reversal ? 'true' : undefined,
    Sts: { Cd: e.status },
    BookgDt: { Dt: checkDate(e.bookingDate, 'Ntry/BookgDt') },
    ValDt: { Dt: checkDate(e.valueDate, 'Ntry/ValDt') },
    AcctSvcrRef: e.accountServicerRef,
    BkTxCd: { Domn: { Cd: 'PMNT', Fmly: { Cd: 'ICDT', SubFmlyCd: subFamily } } },
    NtryDtls: e.details.length === 0 ? undefined : { TxDtls: e.details.map(detailsNode) },
  };
}

function detailsNode(d: TransactionDetails): Record<string, unknown> {
  const refs = { MsgId: d.msgId, AcctSvcrRef: d.accountServicerRef, PmtInfId: d.pmtInfId, InstrId: d.instrId, EndToEndId: d.endToEndId };
  return {
    Refs: Object.values(refs).some((v) => v !== undefined) ? refs : undefined,
    Amt: d.amount === undefined ? undefined : amountNode(assertVndAmount(d.amount, 'TxDtls/Amt')),
    RltdPties: d.creditorAccount === undefined ? undefined : { CdtrAcct: { Id: { Othr: { Id: d.creditorAccount } } } },
    RtrInf: d.returnReason === undefined ? undefined : { Rsn: { Cd: d.returnReason }, AddtlInf: d.returnInfo },
  };
}

/** Reads a camt.053 or camt.054; accepts one entry per payment as well as batch booking (many TxDtls). */
export function parseCamt05x(xml: string): CamtDocument {
  const document = parseXmlSafely(xml);
  const root = new XmlReader(document, '').el('Document');
  const statement = root.optEl('BkToCstmrStmt');
  const notification = statement ? undefined : root.optEl('BkToCstmrDbtCdtNtfctn');
  const message = statement ?? notification;
  if (!message) throw new Iso20022Error('neither a camt.053 statement nor a camt.054 notification', 'Document');
  const header = message.el('GrpHdr');
  return {
    kind: statement ? 'camt.053' : 'camt.054',
    msgId: header.text('MsgId'),
    createdAt: header.text('CreDtTm'),
    reports: message.all(statement ? 'Stmt' : 'Ntfctn').map(readReport),
  };
}

function readReport(r: XmlReader): AccountReport {
  return {
    id: r.text('Id'),
    createdAt: r.optText('CreDtTm') ?? '',
    // An account is identified by a local number (Othr/Id) or, at some banks, an IBAN.
    account: r.optText('Acct/Id/Othr/Id') ?? r.text('Acct/Id/IBAN'),
    currency: r.optText('Acct/Ccy'),
    balances: r.all('Bal').map(readBalance),
    entries: r.all('Ntry').map(readEntry),
  };
}

function readBalance(b: XmlReader): Balance {
  const type = b.optText('Tp/CdOrPrtry/Cd') ?? b.text('Tp/CdOrPrtry/Prtry');
  return {
    type: type as BalanceType,
    amount: readAmount(b, 'Amt'),
    creditDebit: readCreditDebit(b),
    date: readDate(b, 'Dt'),
  };
}

function readEntry(e: XmlReader): StatementEntry {
  // camt.053.001.02 writes <Sts>BOOK</Sts>; .08 writes <Sts><Cd>BOOK</Cd></Sts>.
  const status = e.optText('Sts/Cd') ?? e.text('Sts');
  if (status !== 'BOOK' && status !== 'PDNG' && status !== 'INFO') {
    throw new Iso20022Error(`unknown entry status "${status}"`, e.join('Sts'));
  }
  const details = e.all('NtryDtls').flatMap((d) => d.all('TxDtls'));
  const reversal = e.optText('RvslInd');
  if (reversal !== undefined && !['true', 'false', '1', '0'].includes(reversal)) throw new Iso20022Error(`"${reversal}" is not a boolean`, e.join('RvslInd'));
  return {
    entryRef: e.optText('NtryRef'),
    amount: readAmount(e, 'Amt'),
    creditDebit: readCreditDebit(e),
    ...(reversal === 'true' || reversal === '1' ? { reversal: true as const } : {}),
    status,
    bookingDate: readDate(e, 'BookgDt'),
    valueDate: readDate(e, 'ValDt'),
    accountServicerRef: e.optText('AcctSvcrRef') ?? '',
    details: details.map(readDetails),
  };
}

function readDetails(d: XmlReader): TransactionDetails {
  const amount = d.optText('Amt') ?? d.optText('AmtDtls/TxAmt/Amt');
  const info = d.optEl('RtrInf')?.texts('AddtlInf').join(' ');
  const result: TransactionDetails = {
    msgId: d.optText('Refs/MsgId'),
    accountServicerRef: d.optText('Refs/AcctSvcrRef'),
    pmtInfId: d.optText('Refs/PmtInfId'),
    instrId: d.optText('Refs/InstrId'),
    endToEndId: d.optText('Refs/EndToEndId'),
    amount: amount === undefined ? undefined : parseVndAmount(amount, d.join('Amt')),
    creditorAccount: d.optText('RltdPties/CdtrAcct/Id/Othr/Id') ?? d.optText('RltdPties/CdtrAcct/Id/IBAN'),
    returnReason: d.optText('RtrInf/Rsn/Cd') ?? d.optText('RtrInf/Rsn/Prtry'),
    returnInfo: info || undefined,
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as TransactionDetails;
}

function readAmount(node: XmlReader, name: string): string {
  const currency = node.attr(name, 'Ccy');
  if (currency !== undefined && currency !== VND) {
    throw new Iso20022Error(`currency "${currency}" is not VND`, node.join(`${name}/@Ccy`));
  }
  return parseVndAmount(node.text(name), node.join(name));
}

function readCreditDebit(node: XmlReader): CreditDebit {
  const indicator = node.text('CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new Iso20022Error(`"${indicator}" is not CRDT or DBIT`, node.join('CdtDbtInd'));
  return indicator;
}

/**
 * A booking, value or balance date: a day as it is (Dt), or a date-time (DtTm) read as the day it is in Vietnam, where
 * the bank books (partnerDay): 2026-11-30T17:30:00Z is 1 December there, not the 30th its first ten characters say.
 */
function readDate(node: XmlReader, name: string): string {
  const path = node.join(name);
  const date = node.optText(`${name}/Dt`);
  if (date !== undefined) return checkDate(date, path);
  const dateTime = node.optText(`${name}/DtTm`);
  if (dateTime === undefined) throw new Iso20022Error('missing date', path);
  return checkDate(partnerDay(checkDateTime(dateTime, path)), path);
}
