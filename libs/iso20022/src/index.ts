/**
 * ISO 20022 builders and parsers shared by the bank sandbox and the disbursement service's bank adapter, and the one
 * rule for a partner's date-time read as a Vietnamese day (dates.ts).
 * Pure functions over typed objects; amounts are strings of whole đồng. Depends on npm packages only, so the
 * folder can move to libs/iso20022 as it is.
 */
export { VND, parseVndAmount, sumVnd } from './amount';
export { toAscii, toAsciiName } from './ascii-name';
export { partnerDay, vietnamDate, vietnamDateTime } from './dates';
export { Iso20022Error } from './errors';
export { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from './fields';
export { parseXmlSafely, type XmlNode, type XmlValue } from './xml';
export {
  PAIN001_VERSION,
  buildPain001,
  parsePain001,
  verifyControlTotals,
  type CreditTransfer,
  type DeclaredTotals,
  type Pain001Batch,
  type Pain001Document,
  type ParsedPaymentInstruction,
  type PaymentInstruction,
} from './pain001';
export {
  PAIN002_VERSION,
  PAYMENT_STATUSES,
  REASON_CODES,
  UNKNOWN_MESSAGE_ID,
  buildPain002,
  parsePain002,
  readPain002OriginalMsgId,
  type KnownReasonCode,
  type Pain002Report,
  type PaymentInfoStatus,
  type PaymentStatus,
  type StatusReason,
  type TransactionStatus,
  type TransactionStatusReport,
} from './pain002';
export {
  CAMT053_VERSION,
  CAMT054_VERSION,
  buildCamt053,
  buildCamt054,
  parseCamt05x,
  type AccountReport,
  type Balance,
  type BalanceType,
  type CamtDocument,
  type CreditDebit,
  type StatementEntry,
  type TransactionDetails,
} from './camt05x';
