import { MAX_TEXT_LENGTH, toAscii } from '@benefits/iso20022';
import { isArrearsOnly } from '../../payments/arrears-only';
import { PROGRAMME_NAMES } from '../../payments/domain/programme-names';
import { earlierMonths, narrativeMonth } from '../../runs/domain/month';
import type { PaymentForPartner } from '../channel-adapter';

/**
 * The narrative a bank shows the beneficiary beside the credit (pain.001 RmtInf/Ustrd), e.g.
 * "TRO CAP XA HOI T11/2026 (GOM T09/2026, T10/2026) P…": what the money is for and the months it pays, as the
 * notification names them (arrears alone are "truy lĩnh" of their own months, not of the run's), then our payment id
 * (the EndToEndId, a digest: no ID number or account ever goes here). Upper-case ASCII in the SWIFT set, at most
 * MAX_TEXT_LENGTH characters: more months than fit are named by their count and span, for a narrative too long
 * would make the bank refuse the whole file.
 */
export function remittanceInfo(p: Pick<PaymentForPartner, 'paymentId' | 'programme' | 'month' | 'months' | 'amount' | 'funeralSupport'>): string {
  const arrearsOnly = isArrearsOnly(p.amount);
  const what = `${p.funeralSupport ? 'Hỗ trợ mai táng ' : ''}${arrearsOnly ? 'truy lĩnh ' : ''}${PROGRAMME_NAMES[p.programme]}`;
  const earlier = earlierMonths(p.month, p.months);
  const text = (months: string): string => toAscii(`${what} ${months} ${p.paymentId}`).toUpperCase();
  // Arrears alone whose months are not known: the run is named as their period (kỳ), never as a month paid.
  if (earlier.length === 0) return text(arrearsOnly ? `kỳ ${narrativeMonth(p.month)}` : narrativeMonth(p.month));
  const listed = earlier.map(narrativeMonth).join(', ');
  const span = `${earlier.length} tháng từ ${narrativeMonth(earlier[0])} đến ${narrativeMonth(earlier[earlier.length - 1])}`;
  const candidates = arrearsOnly ? [listed, span] : [`${narrativeMonth(p.month)} (gồm ${listed})`, `${narrativeMonth(p.month)} (gồm ${span})`];
  const fitting = candidates.map(text).find((t) => t.length <= MAX_TEXT_LENGTH);
  return fitting ?? text(candidates[candidates.length - 1]);
}
