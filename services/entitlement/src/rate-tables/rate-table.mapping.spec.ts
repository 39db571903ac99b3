import { SEED_TABLE_VERSIONS } from '../data';
import { fromStoredRows, statusOf, toStoredRows, toTableVersion, type VersionRecord } from './rate-table.mapping';

describe('rate table versions as stored', () => {
  it('keep every row of the seed exactly, amounts as strings of whole đồng', () => {
    for (const version of SEED_TABLE_VERSIONS) expect(fromStoredRows(JSON.parse(JSON.stringify(toStoredRows(version.rows))))).toEqual(version.rows);
    expect(toStoredRows([{ key: 'social_assistance', amount: 540_000n }])).toEqual([{ key: 'social_assistance', amount: '540000' }]);
  });

  it('enter the book at their approval time', () => {
    const record: VersionRecord = {
      id: 'v1',
      table_name: 'standard_level',
      scope: 'social_pension',
      effective_from: '2026-07',
      effective_to: null,
      instrument: 'Decree 335/2026/ND-CP',
      confidence: 'verify',
      standard_level: null,
      rows: [{ key: 'social_pension', amount: '540000' }],
      proposed_by: 'alice',
      proposed_at: new Date('2026-10-01T00:00:00Z'),
      decision: 'approved',
      decided_by: 'bob',
      decided_at: new Date('2026-10-05T09:00:00Z'),
      reason: null,
    };
    expect(toTableVersion(record, new Date('2026-10-05T09:00:00Z'))).toEqual({
      id: 'v1',
      table: 'standard_level',
      scope: 'social_pension',
      effectiveFrom: '2026-07',
      enteredAt: '2026-10-05T09:00:00.000Z',
      instrument: 'Decree 335/2026/ND-CP',
      confidence: 'verify',
      rows: [{ key: 'social_pension', amount: 540_000n }],
    });
    expect(statusOf(record)).toBe('approved');
    expect(statusOf({ decision: null })).toBe('proposed');
  });
});
