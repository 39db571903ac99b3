import type { TableVersion } from '../domain/table-version';

/**
 * Standard levels per programme (mức chuẩn). Copied from the domain reference, standard-levels.csv.
 * `enteredAt` is the date the figures became known (in force or published): it orders versions and lets the
 * book be reconstructed as it stood on a date. Rows marked "verify" are shipped but stay editable (a new version).
 */
export const STANDARD_LEVEL_VERSIONS: readonly TableVersion[] = [
  {
    id: 'standard_level:social_assistance:2021-07:D20-2021',
    table: 'standard_level',
    scope: 'social_assistance',
    effectiveFrom: '2021-07',
    enteredAt: '2021-07-01',
    instrument: 'Decree 20/2021/ND-CP',
    confidence: 'read in the official text',
    rows: [{ key: 'social_assistance', amount: 360_000n, source: 'Art.4(2)' }],
  },
  {
    id: 'standard_level:social_assistance:2024-07:D76-2024',
    table: 'standard_level',
    scope: 'social_assistance',
    effectiveFrom: '2024-07',
    enteredAt: '2024-07-01',
    instrument: 'Decree 76/2024/ND-CP',
    confidence: 'several secondary sources',
    rows: [{ key: 'social_assistance', amount: 500_000n, source: '(amending Decree 20/2021 Art.4)' }],
  },
  {
    id: 'standard_level:social_assistance:2026-07:D335-2026',
    table: 'standard_level',
    scope: 'social_assistance',
    effectiveFrom: '2026-07',
    enteredAt: '2026-10-05',
    instrument: 'Decree 335/2026/ND-CP',
    confidence: 'three secondary sources; verify. Signed 2026-08-21, in force 2026-10-05, applies from 2026-07-01: months from 2026-07 paid at the old level are owed arrears',
    rows: [{ key: 'social_assistance', amount: 540_000n }],
  },
  {
    id: 'standard_level:social_pension:2025-07:D176-2025',
    table: 'standard_level',
    scope: 'social_pension',
    effectiveFrom: '2025-07',
    enteredAt: '2025-07-01',
    instrument: 'Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP',
    confidence: 'several secondary sources',
    rows: [{ key: 'social_pension', amount: 500_000n, source: 'Art.3' }],
  },
  {
    id: 'standard_level:social_pension:2026-07:D335-2026',
    table: 'standard_level',
    scope: 'social_pension',
    effectiveFrom: '2026-07',
    enteredAt: '2026-10-05',
    instrument: 'Decree 335/2026/ND-CP',
    confidence: 'reported by one secondary source; verify',
    rows: [{ key: 'social_pension', amount: 540_000n }],
  },
  {
    id: 'standard_level:meritorious:2023-07:D55-2023',
    table: 'standard_level',
    scope: 'meritorious',
    effectiveFrom: '2023-07',
    enteredAt: '2023-07-01',
    instrument: 'Decree 55/2023/ND-CP',
    confidence: 'secondary sources; its fixed tables were not loaded, so meritorious months before 2024-07 are unpriced',
    rows: [{ key: 'meritorious', amount: 2_055_000n }],
  },
  {
    id: 'standard_level:meritorious:2024-07:D77-2024',
    table: 'standard_level',
    scope: 'meritorious',
    effectiveFrom: '2024-07',
    enteredAt: '2024-07-01',
    instrument: 'Decree 77/2024/ND-CP',
    confidence: 'read in the consolidated text',
    rows: [{ key: 'meritorious', amount: 2_789_000n }],
  },
  {
    id: 'standard_level:meritorious:2026-07:D321-2026',
    table: 'standard_level',
    scope: 'meritorious',
    effectiveFrom: '2026-07',
    enteredAt: '2026-10-01',
    instrument: 'Decree 321/2026/ND-CP',
    confidence:
      'one secondary source; in force 2026-10-01, applies from 2026-07. Its appendix tables were not seen: meritorious months from 2026-07 stay unpriced until the official tables are entered',
    rows: [{ key: 'meritorious', amount: 3_012_000n }],
  },
];
