import { validateRow } from '../imports/domain/validate-row';
import { DEFAULT_AS_OF, generateRegister } from './generate-register';
import type { RawRow } from '../imports/domain/import-layout';

async function rows(beneficiaries: number, seed: number): Promise<RawRow[]> {
  const all: RawRow[] = [];
  for await (const row of generateRegister({ beneficiaries, seed })) all.push(row);
  return all;
}

const share = (all: RawRow[], test: (row: RawRow) => boolean) => all.filter(test).length / all.length;

describe('generateRegister (sample register for npm start and the benchmark)', () => {
  let sample: RawRow[];
  beforeAll(async () => {
    sample = await rows(5000, 7);
  });

  it('is deterministic: the same seed gives the same rows, another seed others', async () => {
    expect(await rows(50, 7)).toEqual(sample.slice(0, 50));
    expect(await rows(50, 8)).not.toEqual(sample.slice(0, 50));
  });

  it('produces only rows the import accepts, without ID warnings', () => {
    const problems = sample.flatMap((row, index) => {
      const result = validateRow(row, DEFAULT_AS_OF);
      return result.valid ? result.warnings.map((w) => `${index}: ${w.code}`) : result.problems.map((p) => `${index}: ${p.field} ${p.code} ${p.reason}`);
    });
    expect(problems).toEqual([]);
  });

  it('has unique ID numbers and decision numbers', () => {
    expect(new Set(sample.map((row) => row.national_id)).size).toBe(sample.length);
    expect(new Set(sample.map((row) => row.decision_number)).size).toBe(sample.length);
  });

  it('mixes programmes about 60/20/20 and channels about 60/30/10', () => {
    expect(share(sample, (r) => r.programme === 'social_assistance')).toBeCloseTo(0.6, 1);
    expect(share(sample, (r) => r.programme === 'social_pension')).toBeCloseTo(0.2, 1);
    expect(share(sample, (r) => r.programme === 'meritorious')).toBeCloseTo(0.2, 1);
    expect(share(sample, (r) => r.channel === 'bank')).toBeCloseTo(0.6, 1);
    expect(share(sample, (r) => r.channel === 'post_office_account' && r.bank_bin === '970449')).toBeCloseTo(0.3, 1);
    expect(share(sample, (r) => r.channel === 'post_office_cash')).toBeCloseTo(0.1, 1);
    expect(new Set(sample.filter((r) => r.channel === 'bank').map((r) => r.bank_bin)).size).toBe(10);
  });

  it('spreads people over many communes and includes war invalids with injury rates', () => {
    expect(new Set(sample.map((r) => r.commune_code)).size).toBeGreaterThan(90);
    const invalids = sample.filter((r) => r.group_code === 'NCC_WAR_INVALID');
    expect(invalids.length).toBeGreaterThan(100);
    expect(invalids.every((r) => Number(r.injury_rate) >= 21 && Number(r.injury_rate) <= 100)).toBe(true);
  });

  it('plants the sandbox markers: rejected account endings, name mismatches, absent cash payees', () => {
    const accounts = sample.filter((r) => r.account_number);
    expect(share(accounts, (r) => ['0001', '0004', '0006', '0007'].some((s) => (r.account_number ?? '').endsWith(s)))).toBeGreaterThan(0.015);
    expect(share(accounts, (r) => ['0001', '0004', '0006', '0007'].some((s) => (r.account_number ?? '').endsWith(s)))).toBeLessThan(0.05);
    expect(accounts.filter((r) => r.account_holder_name?.includes('MISMATCH')).length).toBeGreaterThan(10);
    expect(sample.filter((r) => r.channel === 'post_office_cash' && (r.full_name ?? '').includes('ABSENT')).length).toBeGreaterThan(5);
  });
});
