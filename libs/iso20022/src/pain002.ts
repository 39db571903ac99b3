import { assertVndAmount, parseVndAmount } from './amount';
import { Iso20022Error } from './errors';
import { checkCount, checkId } from './fields';
import { amountNode, buildXml, parseXmlSafely, XmlReader } from './xml';

/** pain.002 — payment status report: the bank's answer to a pain.001, at once and again when outcomes are known. */
export const PAIN002_VERSION = 'pain.002.001.10';
const NAMESPACE = `urn:iso:std:iso:20022:tech:xsd:${PAIN002_VERSION}`;

/** ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code values banks actually send. */
export const PAYMENT_STATUSES = ['ACCP', 'ACSC', 'ACSP', 'ACTC', 'ACWC', 'PART', 'PDNG', 'RCVD', 'RJCT'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** PART only describes a group. */
export type TransactionStatus = Exclude<PaymentStatus, 'PART'>;

/** The reason codes the sandboxes produce (ISO external code list); a real bank may send others. */
export const REASON_CODES = {
  AC01: 'incorrect account number',
  AC04: 'closed account',
  AC06: 'blocked account',
  AM05: 'duplication',
  BE01: 'name inconsistent with the account holder',
  FF01: 'invalid file format',
  MD07: 'end customer deceased',
  MS03: 'reason not specified by the agent',
  RC01: 'bank identifier incorrect',
} as const;
export type KnownReasonCode = keyof typeof REASON_CODES;

export interface StatusReason {
  code: string;
  additionalInfo?: string;
}

export interface TransactionStatusReport {
  originalPmtInfId: string;
  originalInstrId?: string;
  originalEndToEndId: string;
  status: TransactionStatus;
  reasons: StatusReason[];
  /** The original instructed amount, whole đồng. */
  amount?: string;
}

export interface Pain002Report {
  msgId: string;
  createdAt: string;
  /** "NOTPROVIDED" when the file was too broken to read its MsgId. */
  originalMsgId: string;
  originalMsgNameId: string;
  originalNbOfTxs?: number;
  originalCtrlSum?: string;
  groupStatus: PaymentStatus;
  groupReasons: StatusReason[];
  transactions: TransactionStatusReport[];
  /**
   * Statuses of whole payment blocks (OrgnlPmtInfAndSts/PmtInfSts): a bank may refuse a block without a status per
   * transaction. Absent when no block has a status of its own.
   */
  paymentInfoStatuses?: PaymentInfoStatus[];
}

export interface PaymentInfoStatus {
  originalPmtInfId: string;
  status: PaymentStatus;
  reasons: StatusReason[];
}

export const UNKNOWN_MESSAGE_ID = 'NOTPROVIDED';

export function buildPain002(report: Pain002Report): string {
  const byPmtInf = new Map<string, TransactionStatusReport[]>();
  for (const block of report.paymentInfoStatuses ?? []) byPmtInf.set(block.originalPmtInfId, []);
  for (const tx of report.transactions) {
    byPmtInf.set(tx.originalPmtInfId, [...(byPmtInf.get(tx.originalPmtInfId) ?? []), tx]);
  }
  const blockStatus = new Map((report.paymentInfoStatuses ?? []).map((b) => [b.originalPmtInfId, b]));
  return buildXml({
    Document: {
      '@_xmlns': NAMESPACE,
      CstmrPmtStsRpt: {
        GrpHdr: { MsgId: checkId(report.msgId, 'GrpHdr/MsgId'), CreDtTm: report.createdAt },
        OrgnlGrpInfAndSts: {
          OrgnlMsgId: checkId(report.originalMsgId, 'OrgnlGrpInfAndSts/OrgnlMsgId'),
          OrgnlMsgNmId: report.originalMsgNameId,
          OrgnlNbOfTxs: report.originalNbOfTxs === undefined ? undefined : String(report.originalNbOfTxs),
          OrgnlCtrlSum: report.originalCtrlSum === undefined ? undefined : assertVndAmount(report.originalCtrlSum, 'OrgnlCtrlSum'),
          GrpSts: report.groupStatus,
          StsRsnInf: report.groupReasons.map(reasonNode),
        },
        OrgnlPmtInfAndSts: [...byPmtInf].map(([pmtInfId, txs]) => ({
          OrgnlPmtInfId: pmtInfId,
          PmtInfSts: blockStatus.get(pmtInfId)?.status,
          StsRsnInf: blockStatus.get(pmtInfId)?.reasons.map(reasonNode),
          TxInfAndSts: txs.map((tx) => ({
            OrgnlInstrId: tx.originalInstrId,
            OrgnlEndToEndId: checkId(tx.originalEndToEndId, 'TxInfAndSts/OrgnlEndToEndId'),
            TxSts: tx.status,
            StsRsnInf: tx.reasons.map(reasonNode),
            OrgnlTxRef: tx.amount === undefined ? undefined : { Amt: { InstdAmt: amountNode(assertVndAmount(tx.amount, 'OrgnlTxRef/Amt')) } },
          })),
        })),
      },
    },
  });
}

function reasonNode(reason: StatusReason): Record<string, unknown> {
  return { Rsn: { Cd: reason.code }, AddtlInf: reason.additionalInfo };
}

export function parsePain002(xml: string): Pain002Report {
  const root = XmlReader.root(parseXmlSafely(xml), 'Document', 'CstmrPmtStsRpt');
  const header = root.el('GrpHdr');
  const group = root.el('OrgnlGrpInfAndSts');
  const nbOfTxs = group.optText('OrgnlNbOfTxs');
  const ctrlSum = group.optText('OrgnlCtrlSum');
  const blocks = root.all('OrgnlPmtInfAndSts');
  const paymentInfoStatuses = blocks
    .filter((p) => p.optText('PmtInfSts') !== undefined)
    .map((p) => ({ originalPmtInfId: p.text('OrgnlPmtInfId'), status: readStatus(p, 'PmtInfSts'), reasons: p.all('StsRsnInf').map(readReason) }));
  return {
    msgId: header.text('MsgId'),
    createdAt: header.text('CreDtTm'),
    originalMsgId: group.text('OrgnlMsgId'),
    originalMsgNameId: group.text('OrgnlMsgNmId'),
    originalNbOfTxs: nbOfTxs === undefined ? undefined : checkCount(nbOfTxs, group.join('OrgnlNbOfTxs')),
    originalCtrlSum: ctrlSum === undefined ? undefined : parseVndAmount(ctrlSum, group.join('OrgnlCtrlSum')),
    groupStatus: readStatus(group, 'GrpSts'),
    groupReasons: group.all('StsRsnInf').map(readReason),
    transactions: blocks.flatMap((p) => {
      const pmtInfId = p.text('OrgnlPmtInfId');
      return p.all('TxInfAndSts').map((tx) => readTransaction(tx, pmtInfId));
    }),
    ...(paymentInfoStatuses.length > 0 && { paymentInfoStatuses }),
  };
}

/**
 * Only the MsgId of the pain.001 a status report answers (OrgnlGrpInfAndSts/OrgnlMsgId), for a caller that is told
 * "this file's report is ready" and fetches the report itself: the statuses of the transactions are not parsed, which
 * is most of the work for a file of thousands of payments.
 */
export function readPain002OriginalMsgId(xml: string): string {
  const root = XmlReader.root(parseXmlSafely(xml, ['Document.CstmrPmtStsRpt.OrgnlPmtInfAndSts']), 'Document', 'CstmrPmtStsRpt');
  return root.el('OrgnlGrpInfAndSts').text('OrgnlMsgId');
}

function readTransaction(tx: XmlReader, pmtInfId: string): TransactionStatusReport {
  const status = readStatus(tx, 'TxSts');
  if (status === 'PART') throw new Iso20022Error('PART is not a transaction status', tx.join('TxSts'));
  const amount = tx.optText('OrgnlTxRef/Amt/InstdAmt');
  return {
    originalPmtInfId: pmtInfId,
    originalInstrId: tx.optText('OrgnlInstrId'),
    originalEndToEndId: tx.text('OrgnlEndToEndId'),
    status,
    reasons: tx.all('StsRsnInf').map(readReason),
    amount: amount === undefined ? undefined : parseVndAmount(amount, tx.join('OrgnlTxRef/Amt/InstdAmt')),
  };
}

function readStatus(node: XmlReader, name: string): PaymentStatus {
  const status = node.text(name);
  if (!(PAYMENT_STATUSES as readonly string[]).includes(status)) {
    throw new Iso20022Error(`unknown status "${status}"`, node.join(name));
  }
  return status as PaymentStatus;
}

function readReason(node: XmlReader): StatusReason {
  // A reason may be a code (Rsn/Cd), a bank's proprietary one (Rsn/Prtry), or a text alone (no Rsn, which ISO 20022
  // allows: NARR, "narrative", as its code).
  const code = node.optText('Rsn/Cd') ?? node.optText('Rsn/Prtry') ?? 'NARR';
  // AddtlInf may repeat: banks split a long text over several.
  const info = node.texts('AddtlInf').join(' ');
  return info ? { code, additionalInfo: info } : { code };
}
