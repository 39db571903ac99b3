import type { Channel, Programme } from '@benefits/contracts';
import { PROGRAMME_NAMES } from '../../payments/domain/programme-names';
import type { Outcome } from '../../payments/domain/payment-status';
import { earlierMonths as monthsBefore, monthLabel } from '../../runs/domain/month';

export interface NotificationFacts {
  readonly outcome: Outcome;
  readonly programme: Programme;
  readonly month: string;
  /** Whole đồng. */
  readonly amount: string;
  readonly channel: Channel;
  /** As stored: "******6789". */
  readonly accountMasked: string | null;
  readonly cashPointCode: string | null;
  readonly reasonCode: string | null;
  /** Not collected: what is carried into next month's payment ("0" when nothing is). */
  readonly carriedOver: string | null;
  /** The payment holds a deceased person's funeral support: it is paid to the funeral organiser, told to the family. */
  readonly funeralSupport: boolean;
  /**
   * The person has died (their destination carries the month of death): what is still owed to them (arrears up to
   * the death) goes to their funeral payee, and is told to the family as a funeral support is, never "Bạn đã nhận".
   */
  readonly deceased?: boolean;
  /**
   * Arrears only (the month's own amount 0: a decision that has stopped). Not collected, it is not carried into a next
   * payment, which may never come: the commune has it re-sent (POST /payments/:id/resend).
   */
  readonly arrearsOnly?: boolean;
  /**
   * The months the payment's lines pay for (its own month, arrears for earlier months, a month carried over): the
   * amount is theirs together, so every earlier month is named beside the payment's own. Unknown: the month alone.
   */
  readonly months?: readonly string[];
  /** Paid out by the post office: at home rather than at the point, to a proxy rather than the beneficiary. */
  readonly payout?: { readonly how: 'at_point' | 'at_home'; readonly receivedBy?: string };
}

/** Why, in words a beneficiary understands (ISO 20022 codes and the post office's reasons). */
export const REASONS: Record<string, string> = {
  AC01: 'số tài khoản không đúng',
  AC04: 'tài khoản đã đóng',
  AC06: 'tài khoản bị phong tỏa',
  BE01: 'tên chủ tài khoản không khớp',
  RC01: 'mã ngân hàng không đúng',
  MD07: 'chủ tài khoản đã mất',
  AM05: 'giao dịch trùng lặp',
  // Given by a bank that names no reason, and by the post office for a line it refuses without one.
  MS03: 'không rõ lý do',
  FF01: 'lỗi tệp thanh toán',
  BATCH_REJECTED: 'danh sách chi trả bị từ chối',
  // The post office could not read the list (its HTTP 400).
  BAD_REQUEST: 'danh sách chi trả không đúng định dạng',
  // A bank's file or a post office's list (BatchesService.declareLost): the partner is not named.
  BATCH_LOST: 'danh sách chi trả bị thất lạc',
  ACCOUNT_MISSING: 'chưa có số tài khoản',
  ACCOUNT_INVALID: 'số tài khoản không hợp lệ',
  ACCOUNT_UNREADABLE: 'không đọc được số tài khoản đã lưu',
  BANK_BIN_MISSING: 'chưa có ngân hàng nhận',
  CASH_POINT_MISSING: 'chưa có điểm chi trả',
  HOLDER_NAME_INVALID: 'tên người nhận không hợp lệ',
  ABSENT: 'vắng mặt',
  REFUSED: 'từ chối nhận',
  MOVED_AWAY: 'đã chuyển đi nơi khác',
  DECEASED: 'người hưởng đã mất',
  PAYEE_MISSING: 'chưa có người nhận',
};

/**
 * Refusals that are not the beneficiary's doing: the whole file or list refused, lost, or unreadable, or a refusal the
 * partner gives no reason for. Asking the person to change their details would send them to the commune for nothing:
 * they are told the payment is late and will be paid again (the commune re-sends it, POST /payments/:id/resend).
 * ACCOUNT_UNREADABLE is ours too: the account on record could not be decrypted (a key), not a wrong account of theirs.
 */
const NOT_THEIR_FAULT: readonly string[] = ['MS03', 'FF01', 'AM05', 'BATCH_REJECTED', 'BATCH_LOST', 'BAD_REQUEST', 'ACCOUNT_UNREADABLE'];

const CONTACT = 'Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.';
/** No account at all: what to bring to the commune, rather than "update" something that does not exist. */
const ACCOUNT_CONTACT = 'Vui lòng liên hệ UBND xã để bổ sung số tài khoản nhận tiền.';
const DELAYED = 'do sự cố khi gửi danh sách chi trả';
const PAID_AGAIN = 'Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.';
const FAMILY_PAID_AGAIN = 'Khoản tiền sẽ được chi trả lại, gia đình không cần làm gì.';
const FAMILY_CONTACT = 'Gia đình vui lòng liên hệ UBND xã để cập nhật người nhận.';
/** A funeral support not collected is not carried over: the commune has it re-sent to the payee the family confirms. */
const FAMILY_RESEND = 'Gia đình vui lòng liên hệ UBND xã để xác nhận người nhận và được chi trả lại.';
/** Arrears paid alone, not collected: not carried over either; the commune has them paid again. */
const RESEND = 'Vui lòng liên hệ UBND xã để được chi trả lại.';
/** Paid to a proxy: a beneficiary who gave no authorisation must learn that someone else took their money. */
const NOT_YOUR_PROXY = 'Nếu bạn không ủy quyền cho ai, vui lòng báo ngay UBND xã.';

/** 1250000 → "1.250.000": Vietnamese groups thousands with dots. */
export function formatVnd(amount: string): string {
  return BigInt(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * The message a beneficiary receives about one payment, in Vietnamese, e.g.
 * "Bạn đã nhận 1.250.000 đồng trợ cấp xã hội tháng 11/2026 vào tài khoản ****6789."
 * Only the last four digits of an account ever appear.
 */
export function notificationText(f: NotificationFacts): string {
  if (f.funeralSupport) return funeralText(f);
  const what = amountFor(f);
  if (f.deceased) return familyText(f, what);
  const where = whereTo(f);
  const reason = reasonOf(f);
  switch (f.outcome) {
    case 'settled':
      return f.payout?.receivedBy ? `Người được bạn ủy quyền đã nhận thay ${what} ${paidWhere(f)}. ${NOT_YOUR_PROXY}` : `Bạn đã nhận ${what} ${paidWhere(f)}.`;
    case 'rejected':
      if (isNotTheirFault(f)) return `Khoản ${what} chưa chuyển được${toIfAny(f)} ${DELAYED} (${reason}), không phải do thông tin của bạn. ${PAID_AGAIN}`;
      return `Khoản ${what} ${notSentTo(f)}. ${f.reasonCode === 'ACCOUNT_MISSING' ? ACCOUNT_CONTACT : CONTACT}`;
    case 'returned':
      return `Khoản ${what} chuyển ${where} đã bị ngân hàng trả lại (${reason}). ${CONTACT}`;
    case 'not_collected':
      if (f.arrearsOnly) return `Bạn chưa nhận ${what} ${where}${f.reasonCode ? ` (${reason})` : ''}. ${RESEND}`;
      return f.carriedOver !== null && BigInt(f.carriedOver) > 0n
        ? `Bạn chưa nhận ${what} ${where}. Số tiền được chuyển sang kỳ chi trả tháng sau.`
        : `Khoản ${what} chưa được nhận ${where} (${reason}).`;
  }
}

/** The amount and what it is for: the month (with the earlier months it holds), or arrears alone (truy lĩnh). */
function amountFor(f: NotificationFacts): string {
  // Arrears only pay earlier months (truy lĩnh), with the run of this one.
  const earlier = earlierMonths(f);
  return f.arrearsOnly
    ? `${formatVnd(f.amount)} đồng truy lĩnh ${PROGRAMME_NAMES[f.programme]}${earlier ? ` tháng ${earlier}` : ''} (kỳ ${monthLabel(f.month)})`
    : `${formatVnd(f.amount)} đồng ${PROGRAMME_NAMES[f.programme]} tháng ${monthLabel(f.month)}${earlier ? ` (gồm cả tiền tháng ${earlier})` : ''}`;
}

/**
 * A funeral support, told to the family (the beneficiary has died): it goes to the funeral organiser, e.g.
 * "Người lo mai táng đã nhận 10.800.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) vào tài khoản ****6789."
 * Nothing of it is carried into a next month (a deceased person has no next payment to carry it): an unpaid funeral
 * support is paid again by a re-send (POST /payments/:id/resend, four eyes) to the payee the commune confirms, so the
 * family is asked to contact the commune for that, whatever the post office said about carrying it over.
 */
function funeralText(f: NotificationFacts): string {
  return familyText(f, `${formatVnd(f.amount)} đồng hỗ trợ chi phí mai táng (${PROGRAMME_NAMES[f.programme]}, kỳ ${monthLabel(f.month)})`);
}

/** What is paid for a deceased person to their funeral payee (funeral support, arrears owed up to the death), told to the family. */
function familyText(f: NotificationFacts, what: string): string {
  const where = whereTo(f);
  const reason = reasonOf(f);
  switch (f.outcome) {
    case 'settled':
      return `Người lo mai táng đã nhận ${what} ${where}.`;
    case 'rejected':
      if (isNotTheirFault(f)) return `Khoản ${what} chưa chuyển được${toIfAny(f)} ${DELAYED} (${reason}). ${FAMILY_PAID_AGAIN}`;
      return `Khoản ${what} ${notSentTo(f)}. ${FAMILY_CONTACT}`;
    case 'returned':
      return `Khoản ${what} chuyển ${where} đã bị ngân hàng trả lại (${reason}). ${FAMILY_CONTACT}`;
    case 'not_collected':
      return `Khoản ${what} chưa được nhận ${where}${f.reasonCode ? ` (${reason})` : ''} và không được chuyển sang tháng sau. ${FAMILY_RESEND}`;
  }
}

/** "10/2026, 11/2026": the months before the payment's own it pays for, oldest first, or '' when none. */
function earlierMonths(f: NotificationFacts): string {
  return monthsBefore(f.month, f.months ?? [])
    .map(monthLabel)
    .join(', ');
}

function isNotTheirFault(f: NotificationFacts): boolean {
  return f.reasonCode !== null && NOT_THEIR_FAULT.includes(f.reasonCode);
}

/**
 * "chưa chuyển được vào tài khoản ****6789 (tài khoản đã đóng)"; refused at release for want of the destination itself
 * (no account, no cash point, nobody to pay), there is none to name: "chưa chuyển được vì chưa có số tài khoản".
 */
function notSentTo(f: NotificationFacts): string {
  return hasDestination(f) ? `chưa chuyển được ${whereTo(f)} (${reasonOf(f)})` : `chưa chuyển được vì ${reasonOf(f)}`;
}

/** " vào tài khoản ****6789", or nothing when there is no destination to name (an account that could not be read). */
function toIfAny(f: NotificationFacts): string {
  return hasDestination(f) ? ` ${whereTo(f)}` : '';
}

function hasDestination(f: NotificationFacts): boolean {
  return f.channel === 'post_office_cash' ? Boolean(f.cashPointCode) : Boolean(f.accountMasked);
}

function whereTo(f: NotificationFacts): string {
  return f.channel === 'post_office_cash' ? `tại điểm chi trả ${f.cashPointCode ?? ''}`.trim() : `vào tài khoản ${lastFour(f.accountMasked)}`;
}

/** Where the money was paid out: at home for a person who cannot travel, not at the cash point the list named. */
function paidWhere(f: NotificationFacts): string {
  return f.payout?.how === 'at_home' ? 'tại nhà' : whereTo(f);
}

function reasonOf(f: NotificationFacts): string {
  return f.reasonCode ? REASONS[f.reasonCode] ?? 'lý do khác' : 'lý do khác';
}

function lastFour(masked: string | null): string {
  return masked ? `****${masked.slice(-4)}` : '(chưa có)';
}
