import type { Channel, Programme } from '@benefits/contracts';
import type { Column, Row } from '@benefits/reports';
import { REASONS } from '../outcomes/domain/notification-text';
import { PROGRAMME_NAMES } from '../payments/domain/programme-names';
import { monthLabel } from '../runs/domain/month';
import type { Tally } from './domain/figures';

/** How the printed reports name things, in Vietnamese. JSON keeps the codes. */
export function programmeName(programme: Programme): string {
  const name = PROGRAMME_NAMES[programme];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const CHANNEL_NAMES: Record<Channel, string> = {
  bank: 'Chuyển khoản ngân hàng',
  post_office_account: 'Tài khoản tại bưu điện',
  post_office_cash: 'Tiền mặt qua bưu điện',
};

export function channelName(channel: Channel): string {
  return CHANNEL_NAMES[channel];
}

/** Entitlement's arrears reasons (truy lĩnh). */
const ARREARS_REASONS: Record<string, string> = {
  LATE_DECISION: 'Quyết định hưởng muộn',
  BACKDATED_RATE: 'Điều chỉnh mức hồi tố',
  RESUMED_AFTER_SUSPENSION: 'Hưởng lại sau tạm dừng',
  HIGHER_BENEFIT_ENDED: 'Thôi hưởng mức cao hơn',
};

export function arrearsReason(reason: string): string {
  return ARREARS_REASONS[reason] ?? reason;
}

/** Why the post office did not pay out (not collected, rejected): the beneficiaries' wording, with the code. */
export function outcomeReason(code: string): string {
  const words = REASONS[code];
  return words ? `${words} (${code})` : code || 'không rõ';
}

export const month = monthLabel;

/** "2026-10-24" → "24/10/2026". */
export function date(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const TOTAL = 'Tổng cộng';

export const text = (key: string, header: string, description: string): Column => ({ key, header, description, kind: 'text' });
export const count = (key: string, header: string, description: string): Column => ({ key, header, description, kind: 'count' });
export const amount = (key: string, header: string, description: string): Column => ({ key, header, description, kind: 'amount' });
export const share = (key: string, header: string, description: string): Column => ({ key, header, description, kind: 'percent' });

/** A tally as two columns: "<key>Count" (số lượt) and "<key>Amount" (số tiền). */
export function tallyColumns(key: string, header: string, description: string): Column[] {
  return [count(`${key}Count`, `${header}: số lượt`, `${description}: number of payments (\`${key}.count\`)`), amount(`${key}Amount`, `${header}: số tiền (đồng)`, `${description}: amount in đồng (\`${key}.amount\`)`)];
}

/** The cells of tallies for tallyColumns. */
export function tallyCells(tallies: Record<string, Tally>): Row {
  return Object.fromEntries(Object.entries(tallies).flatMap(([key, t]) => [[`${key}Count`, t.count], [`${key}Amount`, t.amount]]));
}
