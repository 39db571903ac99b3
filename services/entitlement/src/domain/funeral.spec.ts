import { computeFuneralSupport, funeralTopUp, NoFuneralSchemeError } from './funeral';
import { seedBook } from './test-factory';

const book = seedBook();

describe('computeFuneralSupport', () => {
  it.each([
    ['2024-06-30', 7_200_000n],
    ['2024-07-01', 10_000_000n],
    ['2026-06-30', 10_000_000n],
    ['2026-07-15', 10_800_000n],
  ])('social assistance, death on %s: 20 × the level then = %s', (dateOfDeath, amount) => {
    const support = computeFuneralSupport({ personRef: 'P1', dateOfDeath, programmes: ['social_assistance'] }, book);
    expect(support.amount).toBe(amount);
    expect(support.scheme).toBe('social_assistance');
  });

  it('explains the amount', () => {
    const support = computeFuneralSupport({ personRef: 'P1', dateOfDeath: '2025-03-15', programmes: ['social_assistance'] }, book);
    expect(support.explanation).toEqual([
      '20 × 500,000 = 10,000,000 funeral support (social_assistance, Decree 20/2021/ND-CP Art.11; level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
    ]);
  });

  it('pays 10,000,000 as the book stood before Decree 335 was entered, for a death in August 2026', () => {
    const support = computeFuneralSupport({ personRef: 'P1', dateOfDeath: '2026-08-10', programmes: ['social_assistance'] }, book.asOf('2026-09-01'));
    expect(support.amount).toBe(10_000_000n);
  });

  it('pays once when the person was on social assistance and the social pension', () => {
    const support = computeFuneralSupport({ personRef: 'P1', dateOfDeath: '2025-09-01', programmes: ['social_assistance', 'social_pension'] }, book);
    expect(support.amount).toBe(10_000_000n);
    expect(support.options).toHaveLength(2);
    expect(support.explanation[1]).toBe('social_pension 10,000,000 not paid: only the highest funeral support is paid (Decree 20/2021/ND-CP Art.11)');
  });

  it('pays only the highest when another scheme pays more', () => {
    const support = computeFuneralSupport(
      {
        personRef: 'P1',
        dateOfDeath: '2025-09-01',
        programmes: ['social_pension'],
        otherSchemes: [{ scheme: 'meritorious', amount: 23_400_000n, instrument: 'Decree 75/2021/ND-CP (test)' }],
      },
      book,
    );
    expect(support).toMatchObject({ scheme: 'meritorious', amount: 23_400_000n });
  });

  it('refuses when no scheme applies', () => {
    expect(() => computeFuneralSupport({ personRef: 'P1', dateOfDeath: '2025-09-01', programmes: [] }, book)).toThrow(NoFuneralSchemeError);
  });
});

describe('funeralTopUp: a funeral support recorded before a backdated rate table', () => {
  const death = { personRef: 'P1', dateOfDeath: '2026-08-10', programmes: ['social_assistance' as const] };

  it('owes the difference once Decree 335/2026 (540,000 from July 2026) is in the book: 800,000 more, with why', () => {
    const recorded = computeFuneralSupport(death, book.asOf('2026-09-01')).amount;
    expect(funeralTopUp(recorded, computeFuneralSupport(death, book))).toEqual({
      amount: 800_000n,
      explanation: [
        '20 × 540,000 = 10,800,000 funeral support (social_assistance, Decree 20/2021/ND-CP Art.11; level: Decree 335/2026/ND-CP); 10,000,000 recorded before: 800,000 more',
      ],
    });
  });

  it('owes nothing when the recorded amount (with earlier top-ups) already matches, or is more', () => {
    expect(funeralTopUp(10_800_000n, computeFuneralSupport(death, book))).toBeUndefined();
    expect(funeralTopUp(11_000_000n, computeFuneralSupport(death, book))).toBeUndefined();
  });
});

