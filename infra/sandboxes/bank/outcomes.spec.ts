import { KNOWN_BINS } from './bank-data';
import { decideTransfer, type DecisionContext, type TransferFacts } from './outcomes';

const context: DecisionContext = { knownBins: KNOWN_BINS, alreadySettled: false, pass: 'first', seed: 's', randomRejectPercent: 0 };
const tx = (creditorAccount: string, overrides: Partial<TransferFacts> = {}): TransferFacts => ({
  endToEndId: 'E1',
  creditorAgentBin: '970436',
  creditorAccount,
  creditorName: 'Nguyễn Văn Đức',
  ...overrides,
});

describe('decideTransfer', () => {
  it.each([
    ['plain account', tx('0011002233445'), { status: 'ACSC' }],
    ['suffix 0001', tx('0011000001'), { status: 'RJCT', reason: 'AC01' }],
    ['suffix 0003', tx('0011000003'), { status: 'RJCT', reason: 'MS03' }],
    ['suffix 0004', tx('0011000004'), { status: 'RJCT', reason: 'AC04' }],
    ['suffix 0005 (late), first pass', tx('0011000005'), { status: 'PDNG' }],
    ['suffix 0006', tx('0011000006'), { status: 'RJCT', reason: 'AC06' }],
    ['suffix 0007', tx('0011000007'), { status: 'RJCT', reason: 'MD07' }],
    ['suffix 0098', tx('0011000098'), { status: 'ACSC', returnReason: 'MD07' }],
    ['suffix 0099', tx('0011000099'), { status: 'ACSC', returnReason: 'AC04' }],
    ['letters in the account', tx('00110A2233'), { status: 'RJCT', reason: 'AC01' }],
    ['an account too short', tx('12345'), { status: 'RJCT', reason: 'AC01' }],
    ['name containing MISMATCH', tx('0011002233445', { creditorName: 'Trần Mismatch' }), { status: 'RJCT', reason: 'BE01' }],
    ['unknown BIN', tx('0011002233445', { creditorAgentBin: '970999' }), { status: 'RJCT', reason: 'RC01' }],
    ['closed account beats a name mismatch', tx('0011000004', { creditorName: 'MISMATCH' }), { status: 'RJCT', reason: 'AC04' }],
  ])('%s', (_case, facts, expected) => {
    expect(decideTransfer(facts, context)).toEqual(expected);
  });

  it('settles a late account on the second pass', () => {
    expect(decideTransfer(tx('0011000005'), { ...context, pass: 'late' })).toEqual({ status: 'ACSC' });
  });

  it('rejects an EndToEndId already settled as a duplicate, before anything else', () => {
    expect(decideTransfer(tx('0011000004'), { ...context, alreadySettled: true })).toEqual({ status: 'RJCT', reason: 'AM05' });
  });

  it('rejects plain accounts at random only when asked, and always the same ones for a seed', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `E${i}`);
    const rejected = (seed: string) =>
      ids.filter((id) => decideTransfer(tx('0011002233445', { endToEndId: id }), { ...context, seed, randomRejectPercent: 10 }).status === 'RJCT');
    expect(rejected('a')).toEqual(rejected('a'));
    expect(rejected('a').length).toBeGreaterThan(5);
    expect(rejected('a').length).toBeLessThan(45);
    expect(ids.some((id) => decideTransfer(tx('0011002233445', { endToEndId: id }), context).status === 'RJCT')).toBe(false);
  });
});
