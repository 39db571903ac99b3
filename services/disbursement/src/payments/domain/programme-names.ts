import type { Programme } from '@benefits/contracts';

/** How a beneficiary names each programme (notifications, payment lists, bank narratives). */
export const PROGRAMME_NAMES: Record<Programme, string> = {
  social_assistance: 'trợ cấp xã hội',
  social_pension: 'trợ cấp hưu trí xã hội',
  meritorious: 'trợ cấp ưu đãi người có công',
};
