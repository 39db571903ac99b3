import { toPersonInputs, type SnapshotItem } from './snapshot-input';

const item = (personRef: string, groupCode: string, attributes: Record<string, unknown> = {}, programme: SnapshotItem['programme'] = 'social_assistance'): SnapshotItem => ({
  personRef,
  decisionId: `${personRef}-${groupCode}`,
  programme,
  groupCode,
  attributes,
});

describe('toPersonInputs: snapshot items to what the calculation reads', () => {
  it('groups the items of a person wherever they came from, keeping the order of persons', () => {
    const inputs = toPersonInputs([item('A', 'SA_DISABLED_SEVERE'), item('B', 'SP_75_PLUS', {}, 'social_pension'), item('A', 'SA_HIV_POOR_NO_INCOME')], '2026-11');
    expect(inputs.map((p) => [p.personRef, p.items.map((i) => i.groupCode)])).toEqual([
      ['A', ['SA_DISABLED_SEVERE', 'SA_HIV_POOR_NO_INCOME']],
      ['B', ['SP_75_PLUS']],
    ]);
  });

  it.each([
    [{ children: 2 }, { children: 2 }],
    [{ children: '3' }, { children: 3 }],
    [{ injuryRate: 85, especiallySevere: true }, { injuryRate: 85, especiallySevere: true }],
    [{ injuryRate: 85, especiallySevereWound: 'true' }, { injuryRate: 85, especiallySevere: true }],
    [{ seniorityYears: 4 }, { seniorityYears: 4 }],
    [{ recipientRef: 'H1', disabilityLevel: 'severe', povertyStatus: 'poor' }, { recipientRef: 'H1' }],
    // The register's group, which a termination names (the band of the month is the group code).
    [{ family: 'NCC_WAR_INVALID', combination: 'MERITORIOUS', payee: 'beneficiary' }, { family: 'NCC_WAR_INVALID' }],
  ])('maps the attributes %j', (attributes, expected) => {
    const [input] = toPersonInputs([item('A', 'NCC_WAR_INVALID', attributes, 'meritorious')], '2026-11');
    expect(input.items[0]).toEqual({ programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', ...expected });
    expect(input.problems).toEqual([]);
  });

  it.each([
    [{ children: 1.5 }, 'attribute children must be a whole number, got 1.5'],
    [{ injuryRate: 'high' }, 'attribute injuryRate must be a whole number, got "high"'],
    [{ especiallySevere: 'yes' }, 'attribute especiallySevere must be true or false, got "yes"'],
    [{ arrearsFrom: '2026-11' }, 'arrearsFrom "2026-11" must be a month before 2026-11'],
  ])('reports an item it cannot read (%j) as a problem, not a guess', (attributes, message) => {
    const [input] = toPersonInputs([item('A', 'SA_SINGLE_PARENT_POOR', attributes)], '2026-11');
    expect(input.items).toEqual([]);
    expect(input.problems).toEqual([{ programme: 'social_assistance', groupCode: 'SA_SINGLE_PARENT_POOR', message: `SA_SINGLE_PARENT_POOR: ${message}` }]);
  });

  it('reads the months a late decision or a lifted suspension says are owed', () => {
    const [input] = toPersonInputs(
      [item('A', 'SA_DISABLED_SEVERE', { arrearsFrom: '2026-08' }), item('A', 'SP_75_PLUS', { arrearsAfterSuspension: true }, 'social_pension')],
      '2026-11',
    );
    expect(input.windows).toEqual([
      // A late decision's window names its item: owed in those months beside the programme's other items.
      { programme: 'social_assistance', from: '2026-08', afterSuspension: false, item: { programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' } },
      { programme: 'social_pension', afterSuspension: true },
    ]);
    expect(input.windows[0].item).toBe(input.items.find((i) => i.groupCode === 'SA_DISABLED_SEVERE'));
  });
});
