/**
 * A deterministic sample register: N beneficiaries across the real communes of An Giang, in the import layout
 * (one row per decision), with a realistic mix of programmes, groups, ages and payment channels, and a few
 * per cent of rows the partner sandboxes fail on purpose. The same seed gives the same file, byte for byte.
 *
 * CLI (after `npx tsc -p tsconfig.build.json`):
 *   node -r ./infra/paths.js dist/services/eligibility/src/seed/generate-register.js --beneficiaries 1000 --out register.csv [--seed 42] [--as-of 2026-11-01]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { COMMUNES } from '@benefits/admin-units';
import { COLUMN_NAMES, type RawRow } from '../imports/domain/import-layout';
import {
  ABSENT_CASH_PERCENT, ABSENT_MARKER, BAD_ACCOUNT_PERCENT, BANK_BINS, CHANNEL_SHARES, FAMILY_NAMES, GIVEN_NAMES, GROUP_SHARES, HAMLET_NAMES, MIDDLE_NAMES,
  NAME_MISMATCH_MARKER, NAME_MISMATCH_PERCENT, PROGRAMME_SHARES, REJECTED_ACCOUNT_SUFFIXES, type GroupShare,
} from './register-mix';

export interface GenerateOptions {
  readonly beneficiaries: number;
  readonly seed?: number;
  /** The reference date: every date of the register is on or before it. */
  readonly asOf?: string;
}

export const DEFAULT_AS_OF = '2026-11-01';
const MERGER = '2025-07-01';
const NEW_COMMUNES = COMMUNES.filter((commune) => commune.validFrom === MERGER);

/** mulberry32: a small, fast, seeded PRNG; deterministic across platforms. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The beneficiaries as register rows, one per decision (every generated beneficiary has one decision). */
export async function* generateRegister(options: GenerateOptions): AsyncGenerator<RawRow> {
  const random = prng(options.seed ?? 1);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const int = (from: number, to: number) => from + Math.floor(random() * (to - from));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let roll = random() * items.reduce((total, [, weight]) => total + weight, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[items.length - 1][0];
  };
  const percent = (p: number) => random() * 100 < p;
  const day = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  // Six ID digits unique within a file: a seeded offset plus the index, so two seeds rarely share a number.
  const idOffset = Math.floor(random() * 1_000_000);

  for (let index = 0; index < options.beneficiaries; index++) {
    const programme = weighted(PROGRAMME_SHARES);
    const group: GroupShare = weighted(GROUP_SHARES.filter((g) => g.programme === programme).map((g) => [g, g.share] as const));
    const sex = percent(50) ? 'male' : 'female';
    const age = int(group.ages[0], group.ages[1]);
    const dateOfBirth = day(asOf, -(age * 365.25 + int(30, 330)));
    const commune = pick(NEW_COMMUNES);
    const signedOn = group.programme === 'social_pension' ? day('2025-07-01', int(0, 480)) : day(maxDate(dateOfBirth, '2012-01-01'), int(31, 3000));
    const signed = maxDate(dateOfBirth, minDate(signedOn, day(asOf, -31)));
    const channel = weighted(CHANNEL_SHARES);
    let fullName = `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES[sex])} ${pick(GIVEN_NAMES[sex])}`;
    if (channel === 'post_office_cash' && percent(ABSENT_CASH_PERCENT)) fullName = `${fullName} ${ABSENT_MARKER}`;
    const century = Number(dateOfBirth.slice(0, 4)) >= 2000 ? 2 : 0;
    const nationalId = `${pick(['091', '089'])}${century + (sex === 'female' ? 1 : 0)}${dateOfBirth.slice(2, 4)}${String((idOffset + index) % 1_000_000).padStart(6, '0')}`;
    const account = channel === 'post_office_cash' ? '' : accountNumber(int(0, 1_000_000_000), percent(BAD_ACCOUNT_PERCENT) ? pick(REJECTED_ACCOUNT_SUFFIXES) : undefined);
    const studying = group.studying && age >= 15;

    yield {
      national_id: nationalId,
      full_name: fullName,
      sex,
      date_of_birth: dateOfBirth,
      household_code: `HH-${commune.code}-${String(index).padStart(7, '0')}`,
      poverty_year: group.poverty ? asOf.slice(0, 4) : '',
      poverty_status: group.poverty ?? '',
      commune_code: commune.code,
      residence_from: maxDate(dateOfBirth, day('2000-01-01', int(0, 7000))),
      address: sampleAddress(index, commune.kind),
      programme: group.programme,
      group_code: group.groupCode,
      decision_number: `${index + 1}/QĐ-UBND`,
      signing_level: signed < MERGER ? 'district' : 'commune',
      signed_on: signed,
      effective_from: signed,
      certificate_date: group.certificate ? day(signed, -int(1, 60)) : '',
      injury_rate: group.injuryRate ? String(int(21, 101)) : '',
      studying_from: studying ? day(asOf, -int(60, 900)) : '',
      studying_to: studying ? day(asOf, int(200, 900)) : '',
      children_birth_dates: group.children ? [day(asOf, -int(400, 5000)), day(asOf, -int(400, 5000))].join(';') : '',
      channel,
      bank_bin: channel === 'bank' ? pick(BANK_BINS) : channel === 'post_office_account' ? '970449' : '',
      account_number: account,
      account_holder_name: channel !== 'post_office_cash' && percent(NAME_MISMATCH_PERCENT) ? `${fullName} ${NAME_MISMATCH_MARKER}` : '',
      cash_point_code: channel === 'post_office_cash' ? `CP-${commune.code}-${String(int(1, 4)).padStart(2, '0')}` : '',
    };
  }
}

/** "Ấp Phú Hòa 2", "Tổ 7, khóm Bình Đức": from the index alone (no draw from the seeded sequence). */
function sampleAddress(index: number, kind: string): string {
  const hamlet = HAMLET_NAMES[index % HAMLET_NAMES.length];
  const number = 1 + (Math.floor(index / HAMLET_NAMES.length) % 4);
  return kind === 'phuong' ? `Tổ ${1 + (index % 12)}, khóm ${hamlet}` : `Ấp ${hamlet} ${number}`;
}

function accountNumber(base: number, rejectedSuffix: string | undefined): string {
  const digits = String(base).padStart(10, '0');
  // An ending the sandboxes treat specially only where it is meant to be.
  const suffix = rejectedSuffix ?? (['0001', '0003', '0004', '0005', '0006', '0007', '0098', '0099'].includes(digits.slice(-4)) ? '1234' : digits.slice(-4));
  return `${digits.slice(0, 6)}${suffix}`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** One CSV line in the import layout (RFC 4180 quoting). */
export function csvLine(values: readonly string[]): string {
  return values.map((value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',');
}

export async function writeRegisterCsv(path: string, options: GenerateOptions): Promise<number> {
  const out = createWriteStream(path, 'utf8');
  let count = 0;
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(csvLine(COLUMN_NAMES));
  for await (const row of generateRegister(options)) {
    await write(csvLine(COLUMN_NAMES.map((name) => row[name] ?? '')));
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  const beneficiaries = Number(argument('beneficiaries') ?? 1000);
  const out = argument('out') ?? 'register.csv';
  writeRegisterCsv(out, { beneficiaries, seed: Number(argument('seed') ?? 1), asOf: argument('as-of') ?? DEFAULT_AS_OF })
    .then((count) => console.log(`${count} rows written to ${out}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
