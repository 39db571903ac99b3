import { SNAPSHOT_ITEM_COLUMNS, snapshotItemsCopy } from './snapshot-items';

describe('snapshot_item rows in COPY text format', () => {
  const runId = '11111111-1111-4111-8111-111111111111';

  it('writes one tab-separated line per frozen decision, in the column order, \\N for what is missing', () => {
    const text = snapshotItemsCopy(runId, [
      {
        decisionId: 'd1', personId: 'p1', programme: 'social_pension', payable: true, groupCode: 'SP_75_PLUS', communeCode: '30742', ageYears: 76,
        attributes: { family: 'SOCIAL_PENSION', combination: 'SOCIAL_PENSION', payee: 'beneficiary' },
      },
      { decisionId: 'd2', personId: 'p2', programme: 'meritorious', payable: false, reason: 'DECEASED' },
    ]);
    expect(text.split('\n')).toEqual([
      `${runId}\td1\tp1\tsocial_pension\tt\tSP_75_PLUS\t30742\t76\t{"family":"SOCIAL_PENSION","combination":"SOCIAL_PENSION","payee":"beneficiary"}\t\\N`,
      `${runId}\td2\tp2\tmeritorious\tf\t\\N\t\\N\t\\N\t\\N\tDECEASED`,
      '',
    ]);
    expect(text.split('\n')[0].split('\t')).toHaveLength(SNAPSHOT_ITEM_COLUMNS.length);
  });

  it('keeps a JSON attribute holding a backslash or a newline readable by PostgreSQL', () => {
    const [line] = snapshotItemsCopy(runId, [{ decisionId: 'd3', personId: 'p3', programme: 'social_assistance', payable: true, groupCode: 'G', communeCode: '1', ageYears: 1, attributes: { note: 'a\\b\nc' } }]).split('\n');
    // JSON.stringify gives {"note":"a\\b\nc"} (backslashes in the text); COPY doubles each backslash.
    expect(line.split('\t')[8]).toBe('{"note":"a\\\\\\\\b\\\\nc"}');
  });
});
