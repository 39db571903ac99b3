import type { TableVersion } from '../domain/table-version';

/**
 * Province top-ups (D20 Art.4(3)): a province may pay more than the national level, or extra groups, by
 * resolution of its People's Council, never less. One table per province (`scope` = 2-digit province code),
 * rows keyed by group code with the extra monthly amount in đồng, cited to the resolution. Empty until a
 * province's resolution is entered, e.g.:
 *   { id: 'province_topup:91:2027-01:NQ-xx', table: 'province_topup', scope: '91', effectiveFrom: '2027-01',
 *     enteredAt: '2027-01-05', instrument: 'Resolution xx/2026/NQ-HĐND An Giang', confidence: 'read',
 *     rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n }] }
 */
export const PROVINCE_TOPUP_VERSIONS: readonly TableVersion[] = [];
