import { communeOfDeath, FUNERAL_PAYEE_MONTHS, mayAwaitFuneralSupport, pagePayees, type Deceased, type PayeeFacts, type RunContext } from './payees';

const RUN: RunContext = { month: '2026-12', today: '2026-12-05', scope: { provinceCode: '91' } };
const HOME = { communeCode: '30742', provinceCode: '91', from: '1990-01-01' };
const own = (id: string) => `own-${id}`;
const dead = (patch: Partial<Deceased<string>> = {}): Deceased<string> => ({
  fullName: 'Nguyễn Văn An', dateOfDeath: '2026-11-03', reportedOn: '2026-11-04', residences: [HOME], ...patch,
});

describe('pagePayees: who each person of a page is paid through', () => {
  it('pays a living payable person to their own destination and counts the payable ones without any', () => {
    const persons: PayeeFacts<string>[] = [{ id: 'a', destination: own('a') }, { id: 'b' }, { id: 'c', destination: own('c') }];
    expect(pagePayees(persons, new Map([['a', '30742'], ['b', '30742']]), RUN)).toEqual({
      payees: [{ personId: 'a', communeCode: '30742', payee: { kind: 'destination', destination: 'own-a' } }],
      withoutDestination: 1,
      funeral: 0,
    });
  });

  it('pays for a deceased person to their funeral organiser, never to their own account', () => {
    const persons = [{ id: 'd', destination: own('d'), deceased: dead({ organiser: 'organiser-d' }) }];
    expect(pagePayees(persons, new Map(), RUN)).toEqual({
      // The month of death goes with it: a payment carried into theirs carries no later month.
      payees: [{ personId: 'd', communeCode: '30742', lastMonthOwed: '2026-11', payee: { kind: 'destination', destination: 'organiser-d' } }],
      withoutDestination: 0,
      funeral: 1,
    });
    // Payable in the month of death: the organiser too, and it counts as a payable person's destination.
    expect(pagePayees(persons, new Map([['d', '30307']]), RUN)).toMatchObject({ payees: [{ communeCode: '30307', payee: { destination: 'organiser-d' } }], funeral: 0 });
  });

  it('without an organiser: cash for the family at the deceased\'s own cash point, else at the commune\'s post office', () => {
    const cash = pagePayees([{ id: 'd', destination: own('d'), cashPointCode: 'CP-30742-02', deceased: dead() }], new Map(), RUN);
    expect(cash.payees[0].payee).toEqual({ kind: 'cash', holderName: 'Người lo mai táng cho Nguyễn Văn An', cashPointCode: 'CP-30742-02' });
    const banked = pagePayees([{ id: 'd', destination: own('d'), deceased: dead() }], new Map(), RUN);
    expect(banked.payees[0].payee).toEqual({ kind: 'cash', holderName: 'Người lo mai táng cho Nguyễn Văn An', cashPointCode: 'BDVHX-30742' });
  });

  it("gives each payee the address of the residence in the commune that pays them, for the post office's cash list", () => {
    const moved = [
      { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-11-14', address: 'Tổ 7, khóm Vĩnh Lợi' },
      { communeCode: '30307', provinceCode: '91', from: '2026-11-15', address: 'Ấp Phú Hòa 2' },
    ];
    // December is paid by the commune lived in on its first day.
    const living = pagePayees([{ id: 'a', destination: own('a'), residences: moved }], new Map([['a', '30307']]), RUN);
    expect(living.payees).toEqual([{ personId: 'a', communeCode: '30307', address: 'Ấp Phú Hòa 2', payee: { kind: 'destination', destination: 'own-a' } }]);
    // Not payable, a funeral support waiting: the address where they died.
    const funeral = pagePayees([{ id: 'd', deceased: dead({ dateOfDeath: '2026-11-03', residences: moved }) }], new Map(), RUN);
    expect(funeral.payees[0]).toMatchObject({ communeCode: '30742', address: 'Tổ 7, khóm Vĩnh Lợi' });
    // Sent for arrears only (died before the run's month), by the commune of the last month paid: where they died too.
    const arrears = pagePayees([{ id: 'd', deceased: dead({ dateOfDeath: '2026-11-03', residences: moved }) }], new Map([['d', '30742']]), RUN);
    expect(arrears.payees[0]).toMatchObject({ communeCode: '30742', address: 'Tổ 7, khóm Vĩnh Lợi' });
    // No address on record, or one in another commune than the paying one: none.
    const none = pagePayees([{ id: 'a', destination: own('a'), residences: [HOME] }, { id: 'b', destination: own('b'), residences: moved }], new Map([['a', '30742'], ['b', '30742']]), RUN);
    expect(none.payees.map((p) => p.address)).toEqual([undefined, undefined]);
  });

  it('sends nothing for a deceased person no funeral support can wait for', () => {
    const none = (deceased: Deceased<string>, run = RUN) => pagePayees([{ id: 'd', deceased }], new Map(), run);
    expect(none(dead({ reportedOn: undefined }))).toEqual({ payees: [], withoutDestination: 0, funeral: 0 });
    expect(none(dead({ reportedOn: '2025-11-30' })).payees).toEqual([]);
    expect(none(dead(), { ...RUN, month: '2026-10' }).payees).toEqual([]);
    expect(none(dead(), { ...RUN, scope: { provinceCode: '91', communeCodes: ['30307'] } }).payees).toEqual([]);
  });
});

describe('mayAwaitFuneralSupport', () => {
  it.each([
    ['reported this month, run of the month of death', { dateOfDeath: '2026-11-03', reportedOn: '2026-12-01' }, '2026-11', true],
    ['a late report of an old death', { dateOfDeath: '2024-02-10', reportedOn: '2026-12-01' }, '2026-12', true],
    [`reported ${FUNERAL_PAYEE_MONTHS} months ago`, { dateOfDeath: '2025-12-10', reportedOn: '2025-12-31' }, '2026-12', true],
    [`reported more than ${FUNERAL_PAYEE_MONTHS} months ago`, { dateOfDeath: '2025-11-10', reportedOn: '2025-11-30' }, '2026-12', false],
    ['a run of a month before the death', { dateOfDeath: '2026-11-03', reportedOn: '2026-11-04' }, '2026-10', false],
    ['dead on import, never reported', { dateOfDeath: '2026-11-03' }, '2026-12', false],
  ])('%s', (_title, deceased, month, expected) => {
    expect(mayAwaitFuneralSupport(deceased, { month, today: '2026-12-05' })).toBe(expected);
  });
});

describe('communeOfDeath', () => {
  const moved = [
    { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-06-30' },
    { communeCode: '30307', provinceCode: '91', from: '2026-07-01' },
  ];
  it('is the residence on the day of death, if the run covers it', () => {
    expect(communeOfDeath({ dateOfDeath: '2026-05-01', residences: moved }, { provinceCode: '91' }, '2026-12-01')).toBe('30742');
    expect(communeOfDeath({ dateOfDeath: '2026-08-01', residences: moved }, { provinceCode: '91' }, '2026-12-01')).toBe('30307');
    expect(communeOfDeath({ dateOfDeath: '2026-08-01', residences: moved }, { provinceCode: '91', communeCodes: ['30742'] }, '2026-12-01')).toBeUndefined();
    expect(communeOfDeath({ dateOfDeath: '2026-08-01', residences: [{ communeCode: '', provinceCode: '79', from: '2026-07-01' }] }, { provinceCode: '91' }, '2026-12-01')).toBeUndefined();
  });
});
