import { destinationProblem, type DestinationFacts } from './destination';

const named = (facts: Omit<DestinationFacts, 'holderName'>, holderName = 'Nguyễn Thị Lan'): DestinationFacts => ({ ...facts, holderName });

describe('a destination that can be paid to', () => {
  it.each<[string, DestinationFacts, string | null]>([
    ['a bank account with its BIN', named({ channel: 'bank', bankBin: '970436', account: '0011002233445' }), null],
    ['a post-office account', named({ channel: 'post_office_account', bankBin: '970449', account: '123456' }), null],
    ['a post-office account without its BIN', named({ channel: 'post_office_account', account: '123456' }), null],
    ['a cash point', named({ channel: 'post_office_cash', cashPointCode: 'DCT-30316-01' }), null],
    ['a bank without account', named({ channel: 'bank', bankBin: '970436' }), 'ACCOUNT_MISSING'],
    ['an account that could not be decrypted', named({ channel: 'bank', bankBin: '970436', account: null }), 'ACCOUNT_UNREADABLE'],
    ['5 digits', named({ channel: 'bank', bankBin: '970436', account: '12345' }), 'ACCOUNT_INVALID'],
    ['20 digits', named({ channel: 'bank', bankBin: '970436', account: '12345678901234567890' }), 'ACCOUNT_INVALID'],
    ['letters', named({ channel: 'bank', bankBin: '970436', account: '12AB5678' }), 'ACCOUNT_INVALID'],
    ['no BIN', named({ channel: 'bank', account: '0011002233445' }), 'BANK_BIN_MISSING'],
    ['cash without a point', named({ channel: 'post_office_cash' }), 'CASH_POINT_MISSING'],
    // A name the partner's file cannot hold would stop the whole file (a bank) or list (the post office).
    ['a holder name with no letter a bank can read', named({ channel: 'bank', bankBin: '970436', account: '0011002233445' }, '…'), 'HOLDER_NAME_INVALID'],
    ['a holder name of more than 140 characters for a bank', named({ channel: 'bank', bankBin: '970436', account: '0011002233445' }, 'Nguyễn '.repeat(21)), 'HOLDER_NAME_INVALID'],
    ['a name of 141 characters on a post-office list (200 at most)', named({ channel: 'post_office_cash', cashPointCode: 'DCT-30316-01' }, 'N'.repeat(141)), null],
    ['a name of more than 200 characters on a post-office list', named({ channel: 'post_office_cash', cashPointCode: 'DCT-30316-01' }, 'N'.repeat(201)), 'HOLDER_NAME_INVALID'],
    ['200 characters and a trailing space (the list takes the name as it is)', named({ channel: 'post_office_cash', cashPointCode: 'DCT-30316-01' }, `${'N'.repeat(200)} `), 'HOLDER_NAME_INVALID'],
  ])('%s', (_case, facts, problem) => {
    expect(destinationProblem(facts)).toBe(problem);
  });
});
