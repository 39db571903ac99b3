import { destinationProblem, repeatsFailedDestination, type DestinationFacts, type FailedAt } from './destination';

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

describe('a re-send to the destination its original failed at', () => {
  const account = { channel: 'bank', bankBin: '970436', accountHash: 'h-0011', holderName: 'Nguyễn Thị Lan', cashPointCode: null } as const;
  const cash = { channel: 'post_office_cash', bankBin: null, accountHash: null, holderName: 'Trần Văn Bình', cashPointCode: 'DCT-30316-01' } as const;
  it.each<[string, string | null, FailedAt, FailedAt, boolean]>([
    // The account (or its bank) is what failed: the same account at the same bank fails again, whoever's name is on it.
    ['a closed account, again', 'AC04', account, account, true],
    ['a closed account, the name retyped', 'AC04', account, { ...account, holderName: 'NGUYEN THI LAN B' }, true],
    ['an incorrect account number, again', 'AC01', account, account, true],
    ['a blocked account, again', 'AC06', account, account, true],
    ['a deceased holder’s account, again', 'MD07', account, account, true],
    ['a wrong bank, the same account at another bank', 'RC01', account, { ...account, bankBin: '970415' }, false],
    ['a closed account, another account', 'AC04', account, { ...account, accountHash: 'h-0022' }, false],
    ['a closed account, now paid in cash', 'AC04', account, cash, false],
    // The name is what failed: the same name, as the bank compares it (no diacritics, any case), fails again.
    ['a name the bank did not match, the same name', 'BE01', account, { ...account, holderName: 'nguyen thi lan' }, true],
    ['a name the bank did not match, corrected', 'BE01', account, { ...account, holderName: 'Nguyễn Thị Lan Anh' }, false],
    // The payee was not there: the same payee at the same cash point is not there either.
    ['cash not collected, the payee moved away, the same payee and point', 'MOVED_AWAY', cash, cash, true],
    ['cash not collected, the payee deceased, another payee', 'DECEASED', cash, { ...cash, holderName: 'Trần Thị Hoa' }, false],
    // Nothing about the destination failed: sending it there again is what the re-send is for.
    ['a batch the bank never received', 'BATCH_LOST', account, account, false],
    ['a file refused', 'FF01', account, account, false],
    ['a reason not given', 'MS03', account, account, false],
    ['cash not collected, the payee absent', 'ABSENT', cash, cash, false],
    ['no reason on record', null, account, account, false],
  ])('%s (%s)', (_case, reasonCode, original, corrected, refused) => {
    expect(repeatsFailedDestination(reasonCode, original, corrected)).toBe(refused);
  });
});
