import { destinationProblem, type DestinationFacts } from './destination';

describe('a destination that can be paid to', () => {
  it.each<[string, DestinationFacts, string | null]>([
    ['a bank account with its BIN', { channel: 'bank', bankBin: '970436', account: '0011002233445' }, null],
    ['a post-office account', { channel: 'post_office_account', bankBin: '970449', account: '123456' }, null],
    ['a post-office account without its BIN', { channel: 'post_office_account', account: '123456' }, null],
    ['a cash point', { channel: 'post_office_cash', cashPointCode: 'DCT-30316-01' }, null],
    ['a bank without account', { channel: 'bank', bankBin: '970436' }, 'ACCOUNT_MISSING'],
    ['an account that could not be decrypted', { channel: 'bank', bankBin: '970436', account: null }, 'ACCOUNT_UNREADABLE'],
    ['5 digits', { channel: 'bank', bankBin: '970436', account: '12345' }, 'ACCOUNT_INVALID'],
    ['20 digits', { channel: 'bank', bankBin: '970436', account: '12345678901234567890' }, 'ACCOUNT_INVALID'],
    ['letters', { channel: 'bank', bankBin: '970436', account: '12AB5678' }, 'ACCOUNT_INVALID'],
    ['no BIN', { channel: 'bank', account: '0011002233445' }, 'BANK_BIN_MISSING'],
    ['cash without a point', { channel: 'post_office_cash' }, 'CASH_POINT_MISSING'],
  ])('%s', (_case, facts, problem) => {
    expect(destinationProblem(facts)).toBe(problem);
  });
});
