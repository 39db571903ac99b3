import { assertVndAmount, parseVndAmount, sumVnd, VND } from './amount';
import { toAscii, toAsciiName } from './ascii-name';
import { Iso20022Error } from './errors';
import { checkCount, checkDate, checkId, checkText } from './fields';
import { amountNode, buildXml, parseXmlSafely, XmlReader } from './xml';

/** pain.001 — customer credit transfer initiation: the file we send to a bank. */
export const PAIN001_VERSION = 'pain.001.001.09';
const NAMESPACE = `urn:iso:std:iso:20022:tech:xsd:${PAIN001_VERSION}`;

export interface CreditTransfer {
  instrId: string;
  /** Our payment id (≤ 35 characters): it comes back on every status and statement line. */
  endToEndId: string;
  /** Whole đồng as a string of digits. */
  amount: string;
  /** The creditor bank's 6-digit NAPAS BIN. */
  creditorAgentBin: string;
  /** Written as upper-case ASCII (toAsciiName): what the creditor bank compares with its account holder. */
  creditorName: string;
  creditorAccount: string;
  /** Narrative, e.g. "TRO CAP XA HOI T11/2026"; folded to ASCII. */
  remittanceInfo?: string;
}

/** One PmtInf: one debtor account and one execution date. */
export interface PaymentInstruction {
  pmtInfId: string;
  requestedExecutionDate: string;
  debtorName: string;
  debtorAccount: string;
  debtorAgentBin: string;
  transactions: CreditTransfer[];
}

export interface Pain001Batch {
  msgId: string;
  /** ISO date-time, e.g. 2026-11-05T08:00:00+07:00. */
  createdAt: string;
  initiatingParty: string;
  paymentInstructions: PaymentInstruction[];
}

/** NbOfTxs and CtrlSum as the sender declared them. CtrlSum is optional in ISO 20022. */
export interface DeclaredTotals {
  nbOfTxs: number;
  ctrlSum?: string;
}

export interface ParsedPaymentInstruction extends PaymentInstruction {
  declared: DeclaredTotals;
}

/** A received pain.001: the same data plus the declared control totals, which verifyControlTotals checks. */
export interface Pain001Document extends Pain001Batch {
  declared: DeclaredTotals;
  paymentInstructions: ParsedPaymentInstruction[];
}

/** Builds the XML; NbOfTxs and CtrlSum are computed here (bigint sums), never taken from the caller. */
export function buildPain001(batch: Pain001Batch): string {
  if (batch.paymentInstructions.length === 0) throw new Iso20022Error('a file needs at least one PmtInf', 'PmtInf');
  const all = batch.paymentInstructions.flatMap((p) => p.transactions);
  const paymentInfos = batch.paymentInstructions.map((p, i) => paymentInfoNode(p, `PmtInf[${i}]`));
  return buildXml({
    Document: {
      '@_xmlns': NAMESPACE,
      CstmrCdtTrfInitn: {
        GrpHdr: {
          MsgId: checkId(batch.msgId, 'GrpHdr/MsgId'),
          CreDtTm: batch.createdAt,
          NbOfTxs: String(all.length),
          CtrlSum: sumVnd(all.map((t, i) => assertVndAmount(t.amount, `CdtTrfTxInf[${i}]/Amt`))),
          InitgPty: { Nm: checkText(toAscii(batch.initiatingParty), 'GrpHdr/InitgPty/Nm') },
        },
        PmtInf: paymentInfos,
      },
    },
  });
}

function paymentInfoNode(p: PaymentInstruction, path: string): Record<string, unknown> {
  if (p.transactions.length === 0) throw new Iso20022Error('a PmtInf needs at least one CdtTrfTxInf', path);
  const amounts = p.transactions.map((t, i) => assertVndAmount(t.amount, `${path}/CdtTrfTxInf[${i}]/Amt/InstdAmt`));
  return {
    PmtInfId: checkId(p.pmtInfId, `${path}/PmtInfId`),
    PmtMtd: 'TRF',
    NbOfTxs: String(p.transactions.length),
    CtrlSum: sumVnd(amounts),
    ReqdExctnDt: { Dt: checkDate(p.requestedExecutionDate, `${path}/ReqdExctnDt/Dt`) },
    Dbtr: { Nm: checkText(toAsciiName(p.debtorName), `${path}/Dbtr/Nm`) },
    DbtrAcct: { Id: { Othr: { Id: p.debtorAccount } }, Ccy: VND },
    DbtrAgt: { FinInstnId: { ClrSysMmbId: { MmbId: p.debtorAgentBin } } },
    ChrgBr: 'SLEV',
    CdtTrfTxInf: p.transactions.map((t, i) => transferNode(t, `${path}/CdtTrfTxInf[${i}]`)),
  };
}

function transferNode(t: CreditTransfer, path: string): Record<string, unknown> {
  const narrative = t.remittanceInfo === undefined ? undefined : toAscii(t.remittanceInfo);
  return {
    PmtId: { InstrId: checkId(t.instrId, `${path}/PmtId/InstrId`), EndToEndId: checkId(t.endToEndId, `${path}/PmtId/EndToEndId`) },
    Amt: { InstdAmt: amountNode(assertVndAmount(t.amount, `${path}/Amt/InstdAmt`)) },
    CdtrAgt: { FinInstnId: { ClrSysMmbId: { MmbId: t.creditorAgentBin } } },
    Cdtr: { Nm: checkText(toAsciiName(t.creditorName), `${path}/Cdtr/Nm`) },
    CdtrAcct: { Id: { Othr: { Id: t.creditorAccount } } },
    RmtInf: narrative ? { Ustrd: checkText(narrative, `${path}/RmtInf/Ustrd`) } : undefined,
  };
}

/**
 * Parses and checks the shape of a received file; throws Iso20022Error (FF01) when it cannot be read.
 * The control totals are returned as declared: checking them is verifyControlTotals' job.
 */
export function parsePain001(xml: string): Pain001Document {
  const root = XmlReader.root(parseXmlSafely(xml), 'Document', 'CstmrCdtTrfInitn');
  const header = root.el('GrpHdr');
  const infos = root.all('PmtInf');
  if (infos.length === 0) throw new Iso20022Error('a file needs at least one PmtInf', root.join('PmtInf'));
  return {
    msgId: checkId(header.text('MsgId'), header.join('MsgId')),
    createdAt: header.text('CreDtTm'),
    initiatingParty: header.optText('InitgPty/Nm') ?? '',
    declared: readDeclared(header),
    paymentInstructions: infos.map(readPaymentInfo),
  };
}

function readDeclared(node: XmlReader): DeclaredTotals {
  const ctrlSum = node.optText('CtrlSum');
  return {
    nbOfTxs: checkCount(node.text('NbOfTxs'), node.join('NbOfTxs')),
    ctrlSum: ctrlSum === undefined ? undefined : parseVndAmount(ctrlSum, node.join('CtrlSum')),
  };
}

function readPaymentInfo(p: XmlReader): ParsedPaymentInstruction {
  const method = p.text('PmtMtd');
  if (method !== 'TRF') throw new Iso20022Error(`payment method "${method}" is not TRF`, p.join('PmtMtd'));
  const transfers = p.all('CdtTrfTxInf');
  if (transfers.length === 0) throw new Iso20022Error('a PmtInf needs at least one CdtTrfTxInf', p.join('CdtTrfTxInf'));
  return {
    pmtInfId: checkId(p.text('PmtInfId'), p.join('PmtInfId')),
    // pain.001.001.03 writes the date directly in ReqdExctnDt, .09 wraps it in Dt.
    requestedExecutionDate: checkDate(p.optText('ReqdExctnDt/Dt') ?? p.text('ReqdExctnDt'), p.join('ReqdExctnDt')),
    debtorName: p.text('Dbtr/Nm'),
    debtorAccount: p.text('DbtrAcct/Id/Othr/Id'),
    debtorAgentBin: p.optText('DbtrAgt/FinInstnId/ClrSysMmbId/MmbId') ?? '',
    declared: readDeclared(p),
    transactions: transfers.map(readTransfer),
  };
}

function readTransfer(t: XmlReader): CreditTransfer {
  const currency = t.attr('Amt/InstdAmt', 'Ccy');
  if (currency !== VND) throw new Iso20022Error(`currency "${currency ?? ''}" is not VND`, t.join('Amt/InstdAmt/@Ccy'));
  const amount = parseVndAmount(t.text('Amt/InstdAmt'), t.join('Amt/InstdAmt'));
  if (amount === '0') throw new Iso20022Error('amount must be positive', t.join('Amt/InstdAmt'));
  const endToEndId = checkId(t.text('PmtId/EndToEndId'), t.join('PmtId/EndToEndId'));
  return {
    instrId: t.optText('PmtId/InstrId') ?? endToEndId,
    endToEndId,
    amount,
    // A missing or unknown BIN is a per-payment rejection (RC01), not a broken file.
    creditorAgentBin: t.optText('CdtrAgt/FinInstnId/ClrSysMmbId/MmbId') ?? '',
    creditorName: t.text('Cdtr/Nm'),
    creditorAccount: t.text('CdtrAcct/Id/Othr/Id'),
    remittanceInfo: t.optText('RmtInf/Ustrd'),
  };
}

/** Every place where the declared NbOfTxs/CtrlSum disagree with the transactions; empty when the file adds up. */
export function verifyControlTotals(doc: Pain001Document): string[] {
  const problems: string[] = [];
  const check = (where: string, declared: DeclaredTotals, amounts: string[], ctrlSumRequired: boolean): void => {
    if (declared.nbOfTxs !== amounts.length) {
      problems.push(`${where}/NbOfTxs declares ${declared.nbOfTxs}, the file holds ${amounts.length}`);
    }
    const actual = sumVnd(amounts);
    if (declared.ctrlSum === undefined) {
      // CtrlSum is optional in ISO 20022, but the group total is what protects a whole file, so we require it.
      if (ctrlSumRequired) problems.push(`${where}/CtrlSum is missing`);
    } else if (declared.ctrlSum !== actual) {
      problems.push(`${where}/CtrlSum declares ${declared.ctrlSum}, the transactions add up to ${actual}`);
    }
  };
  const all = doc.paymentInstructions.flatMap((p) => p.transactions.map((t) => t.amount));
  check('GrpHdr', doc.declared, all, true);
  doc.paymentInstructions.forEach((p, i) => check(`PmtInf[${i}]`, p.declared, p.transactions.map((t) => t.amount), false));
  return problems;
}
