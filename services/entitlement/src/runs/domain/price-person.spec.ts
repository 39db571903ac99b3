import { ncc, sa, seedBook, sp } from '../../domain/test-factory';
import { CachedCalculator } from './calculator';
import { pricePerson } from './price-person';
import type { PersonInput } from './snapshot-input';

const book = seedBook();
const { calculate } = new CachedCalculator();
const person = (items: PersonInput['items'], problems: PersonInput['problems'] = []): PersonInput => ({ personRef: 'P1', items, windows: [], problems });

describe('pricePerson: what a person is owed for the run month, per programme', () => {
  it('pays the higher of social assistance and the social pension, and says why the other is not paid', () => {
    const priced = pricePerson(person([sp('SP_75_PLUS'), sa('SA_ELDERLY_POOR_NO_SUPPORT_80')]), '2026-11', '91', book, calculate);
    expect(priced.programmes.map((p) => [p.programme, p.amount])).toEqual([['social_assistance', 1_080_000n]]);
    expect(priced.clusters[0].entitlement.explanation).toContain(
      'social pension 540,000 not paid: social assistance 1,080,000 is higher, only one is paid (Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP)',
    );
  });

  it('records a meritorious group without a table for the month as UNPRICED, and still pays social assistance', () => {
    const priced = pricePerson(person([sa('SA_DISABLED_SEVERE'), ncc('NCC_WAR_INVALID', { injuryRate: 61 })]), '2026-11', '91', book, calculate);
    expect(priced.programmes.map((p) => [p.programme, p.amount])).toEqual([['social_assistance', 810_000n]]);
    expect(priced.exceptions).toEqual([expect.objectContaining({ programme: 'meritorious', month: '2026-11', kind: 'UNPRICED', code: 'NO_RATE_TABLE' })]);
  });

  it('pays meritorious components stacked while the table answers', () => {
    const priced = pricePerson(person([ncc('NCC_WAR_INVALID', { injuryRate: 81 })]), '2026-05', '91', book, calculate);
    expect(priced.programmes).toEqual([expect.objectContaining({ programme: 'meritorious', amount: 7_240_000n + 1_399_000n })]);
  });

  it('holds back the whole cluster of an item it could not read, and reports it', () => {
    const problem = { programme: 'social_assistance' as const, groupCode: 'SA_SINGLE_PARENT_POOR', message: 'children: bad' };
    const priced = pricePerson(person([sp('SP_75_PLUS')], [problem]), '2026-11', '91', book, calculate);
    expect(priced.programmes).toEqual([]);
    expect(priced.exceptions.map((e) => [e.programme, e.kind, e.message])).toEqual([
      ['social_pension', 'INVALID_ITEM', 'children: bad'],
      ['social_assistance', 'INVALID_ITEM', 'children: bad'],
    ]);
  });

  it('reports an item the rules refuse (a war invalid without an injury rate) as INVALID_ITEM', () => {
    const priced = pricePerson(person([ncc('NCC_WAR_INVALID')]), '2026-05', '91', book, calculate);
    expect(priced.exceptions).toEqual([expect.objectContaining({ programme: 'meritorious', kind: 'INVALID_ITEM', code: 'INVALID_ITEM' })]);
  });
});
