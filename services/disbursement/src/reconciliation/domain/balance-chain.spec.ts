import { chainProblems, chainProblemsGone, daysUncovered, type FiledStatement } from './balance-chain';
import type { Coverage } from './statement-file';

const day = (date: string, opening: string, closing: string, account = '1234567890'): Coverage => ({ source: 'bank', account, date, final: true, opening, closing });

describe('chainProblems', () => {
  const cases: [string, Coverage, Coverage[], string[]][] = [
    ['the first statement of an account', day('2026-11-05', '10000000', '7500000'), [], []],
    ['the day after, opening at the closing before', day('2026-11-06', '7500000', '7000000'), [day('2026-11-05', '10000000', '7500000')], []],
    // A weekend with no statement moves no money: the balances still chain, and nothing is missing.
    ['after a weekend without statements, the balances chaining', day('2026-11-09', '7500000', '7000000'), [day('2026-11-06', '10000000', '7500000')], []],
    [
      'a statement day missing: the opening is not the closing on record before it',
      day('2026-11-07', '6000000', '5000000'),
      [day('2026-11-05', '10000000', '7500000'), day('2026-11-01', '12000000', '10000000')],
      ['account ******7890: the statement of 2026-11-07 opens at 6000000, but the one before it on record (2026-11-05) closed at 7500000: the statement of 2026-11-06 is missing, or a booking of -1500000 đồng is on none'],
    ],
    [
      'consecutive days that do not chain',
      day('2026-11-06', '7400000', '7000000'),
      [day('2026-11-05', '10000000', '7500000')],
      ['account ******7890: the statement of 2026-11-06 opens at 7400000, but the one before it on record (2026-11-05) closed at 7500000: a booking of -100000 đồng is on no statement'],
    ],
    [
      'a statement imported after a later day: checked against the later one too',
      day('2026-11-05', '10000000', '7500000'),
      [day('2026-11-08', '6000000', '5000000'), day('2026-11-09', '5000000', '5000000')],
      ['account ******7890: the statement of 2026-11-08 opens at 6000000, but the one before it on record (2026-11-05) closed at 7500000: the statements of 2026-11-06 to 2026-11-07 are missing, or a booking of -1500000 đồng is on none'],
    ],
    [
      'the missing day imported at last: it chains both ways',
      day('2026-11-06', '7500000', '6000000'),
      [day('2026-11-05', '10000000', '7500000'), day('2026-11-07', '6000000', '5000000')],
      [],
    ],
    // A day's statement fetched again once more was booked is another statement of the day: the latest imported is the day's.
    ['a day fetched twice, the later one chaining', day('2026-11-06', '7000000', '6000000'), [day('2026-11-05', '10000000', '7500000'), day('2026-11-05', '10000000', '7000000')], []],
    ['a day fetched twice, the later one chaining (the day after imported first)', day('2026-11-04', '11000000', '10000000'), [day('2026-11-05', '10000000', '7500000'), day('2026-11-05', '10000000', '7000000')], []],
    [
      'a day fetched twice, the later one not chaining',
      day('2026-11-06', '7500000', '6000000'),
      [day('2026-11-05', '10000000', '7500000'), day('2026-11-05', '10000000', '7000000')],
      ['account ******7890: the statement of 2026-11-06 opens at 7500000, but the one before it on record (2026-11-05) closed at 7000000: a booking of 500000 đồng is on no statement'],
    ],
    ['another account', day('2026-11-07', '6000000', '5000000'), [day('2026-11-05', '10000000', '7500000', '999888777')], []],
    ['a statement before balances were kept (imported earlier) is no link', day('2026-11-06', '7400000', '7000000'), [{ source: 'bank', account: '1234567890', date: '2026-11-05', final: true }], []],
  ];

  // onRecord: in the order the statements were imported.
  it.each(cases)('%s', (_name, statement, onRecord, problems) => {
    expect(chainProblems(statement, onRecord)).toEqual(problems);
  });
});

describe('chainProblemsGone', () => {
  const filed = (fileId: string, statement: Coverage): FiledStatement => ({ fileId, statement });
  const gap = 'account ******7890: the statement of 2026-11-07 opens at 6000000, but the one before it on record (2026-11-05) closed at 7500000: the statement of 2026-11-06 is missing, or a booking of -1500000 đồng is on none';
  const fifth = filed('F5', day('2026-11-05', '10000000', '7500000'));
  const seventh = filed('F7', day('2026-11-07', '6000000', '5000000'));
  const sixth = filed('F6', day('2026-11-06', '7500000', '6000000'));

  it('is what the later day said once the missing day arrives and chains both ways', () => {
    expect(chainProblems(seventh.statement, [fifth.statement])).toEqual([gap]);
    expect(chainProblemsGone('F7', [gap], [fifth, seventh, sixth])).toEqual([gap]);
  });

  it('is what the earlier day said when it was imported after the later one, once the day between arrives', () => {
    expect(chainProblems(fifth.statement, [seventh.statement])).toEqual([gap]);
    expect(chainProblemsGone('F5', [gap], [seventh, fifth, sixth])).toEqual([gap]);
  });

  it('is nothing while the day between is still missing', () => {
    expect(chainProblemsGone('F7', [gap], [fifth, seventh])).toEqual([]);
    expect(chainProblemsGone('F7', [gap], [fifth, seventh, filed('F9', day('2026-11-09', '5000000', '5000000'))])).toEqual([]);
  });

  it('is the gap when the day between arrives with a problem of its own (said by that statement, not this one)', () => {
    const shortSixth = filed('F6', day('2026-11-06', '7500000', '6100000'));
    expect(chainProblemsGone('F7', [gap], [fifth, seventh, shortSixth])).toEqual([gap]);
  });

  it('keeps the problems of the file that are not of the chain', () => {
    const balance = 'statement S-7 of account ******7890 on 2026-11-07: opening 6000000 + entries -900000 = 5100000, but the closing balance is 5000000';
    expect(chainProblemsGone('F7', [balance, gap], [fifth, seventh, sixth])).toEqual([gap]);
  });

  it('is what a day said that was fetched again once more was booked, the later one chaining', () => {
    const early = filed('F6a', day('2026-11-06', '7500000', '6500000'));
    const bookingOnNone = 'account ******7890: the statement of 2026-11-07 opens at 6000000, but the one before it on record (2026-11-06) closed at 6500000: a booking of -500000 đồng is on no statement';
    expect(chainProblems(early.statement, [seventh.statement])).toEqual([bookingOnNone]);
    expect(chainProblemsGone('F6a', [bookingOnNone], [seventh, early, sixth])).toEqual([bookingOnNone]);
  });

  it('is not a gap the day fetched again still shows (the same link, said again by the later statement)', () => {
    const seventhAgain = filed('F7b', day('2026-11-07', '6000000', '4000000'));
    expect(chainProblemsGone('F7', [gap], [fifth, seventh, seventhAgain])).toEqual([]);
  });

  it('is nothing for another account', () => {
    expect(chainProblemsGone('F7', [gap], [fifth, seventh, filed('F6', day('2026-11-06', '7500000', '6000000', '999888777'))])).toEqual([]);
  });
});

describe('daysUncovered', () => {
  // onRecord: in the order the statements were imported.
  const cases: [string, Coverage[], { first: string; last: string }[]][] = [
    ['no statement', [], []],
    ['consecutive days chaining', [day('2026-11-05', '10000000', '7500000'), day('2026-11-06', '7500000', '7000000')], []],
    ['a weekend without statements, the balances chaining', [day('2026-11-06', '10000000', '7500000'), day('2026-11-09', '7500000', '7000000')], []],
    ['the day between two statements that do not chain', [day('2026-11-05', '10000000', '7500000'), day('2026-11-07', '6000000', '5000000')], [{ first: '2026-11-06', last: '2026-11-06' }]],
    ['imported the later day first', [day('2026-11-07', '6000000', '5000000'), day('2026-11-05', '10000000', '7500000')], [{ first: '2026-11-06', last: '2026-11-06' }]],
    ['the days between, at last imported', [day('2026-11-05', '10000000', '7500000'), day('2026-11-07', '6000000', '5000000'), day('2026-11-06', '7500000', '6000000')], []],
    // A booking on no statement between consecutive days leaves no day uncovered (that day's statement is on record).
    ['consecutive days that do not chain', [day('2026-11-05', '10000000', '7500000'), day('2026-11-06', '7400000', '7000000')], []],
    ['two days missing', [day('2026-11-05', '10000000', '7500000'), day('2026-11-08', '6000000', '5000000')], [{ first: '2026-11-06', last: '2026-11-07' }]],
    ['a day fetched again, the later one chaining', [day('2026-11-05', '10000000', '7500000'), day('2026-11-07', '6000000', '5000000'), day('2026-11-05', '10000000', '6000000')], []],
    ['another account', [day('2026-11-05', '10000000', '7500000'), day('2026-11-07', '6000000', '5000000', '999888777')], []],
  ];

  it.each(cases)('%s', (_name, onRecord, uncovered) => {
    expect(daysUncovered(onRecord, '1234567890')).toEqual(uncovered);
  });
});
