import { seedRateBook } from '../data';
import type { EntitlementInput, EntitlementItem } from './component';
import type { RateBook } from './rate-book';

/** Test helpers shared by the specs: the seed book and compact item builders. */
export const seedBook = (): RateBook => seedRateBook();

export const sa = (groupCode: string, extra: Partial<EntitlementItem> = {}): EntitlementItem => ({ programme: 'social_assistance', groupCode, ...extra });
export const sp = (groupCode = 'SP_75_PLUS'): EntitlementItem => ({ programme: 'social_pension', groupCode });
export const ncc = (groupCode: string, extra: Partial<EntitlementItem> = {}): EntitlementItem => ({ programme: 'meritorious', groupCode, ...extra });

export const person = (items: readonly EntitlementItem[], extra: Partial<EntitlementInput> = {}): EntitlementInput => ({
  personRef: 'P1',
  items,
  ...extra,
});
