/**
 * Bulk-loads a generated register straight into the database, for the benchmark and for large demos: the same
 * validation and set-based writer as an import, without the file, in transactions of 5,000 rows.
 *
 *   node -r ./infra/paths.js dist/services/eligibility/src/seed/load-register.js --beneficiaries 100000 [--seed 1] [--as-of 2026-11-01]
 * (DATABASE_URL and the PII_* settings as for the service; run the migrations first.)
 */
import { Pool } from 'pg';
import { pgDatabase } from '@benefits/messaging';
import { loadEligibilityConfig } from '../config';
import type { RegisterRow } from '../imports/domain/import-layout';
import { validateRow } from '../imports/domain/validate-row';
import { ANALYZE_REGISTER, RegisterWriter } from '../register/register-writer';
import { registerCipher, transportCipher } from '../shared/pii';
import { DEFAULT_AS_OF, generateRegister, type GenerateOptions } from './generate-register';

const BATCH = 5000;

export interface LoadResult {
  readonly rows: number;
  readonly persons: number;
  readonly decisions: number;
  readonly ms: number;
}

export async function loadRegister(databaseUrl: string, writer: RegisterWriter, options: GenerateOptions): Promise<LoadResult> {
  const started = Date.now();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const database = pgDatabase(pool);
  const total = { rows: 0, persons: 0, decisions: 0 };
  const flush = async (batch: RegisterRow[]) => {
    const result = await database.transaction((client) => writer.write(client, batch, { recordedBy: 'seed/load-register', operator: null }));
    total.persons += result.persons;
    total.decisions += result.decisions;
  };
  try {
    // Two transactions in flight: one is written while the next batch is generated, validated and encrypted.
    const inFlight: Promise<void>[] = [];
    let batch: RegisterRow[] = [];
    for await (const raw of generateRegister(options)) {
      const result = validateRow(raw, options.asOf ?? DEFAULT_AS_OF);
      if (!result.valid) throw new Error(`Generated row ${total.rows} is invalid: ${JSON.stringify(result.problems)}`);
      batch.push(result.row);
      total.rows++;
      if (batch.length === BATCH) {
        if (inFlight.length === 2) await inFlight.shift();
        inFlight.push(flush(batch));
        batch = [];
      }
    }
    if (batch.length > 0) inFlight.push(flush(batch));
    await Promise.all(inFlight);
    await pool.query(ANALYZE_REGISTER);
  } finally {
    await pool.end();
  }
  return { ...total, ms: Date.now() - started };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  const config = loadEligibilityConfig();
  const writer = new RegisterWriter(registerCipher(config), transportCipher(config));
  loadRegister(config.DATABASE_URL, writer, {
    beneficiaries: Number(argument('beneficiaries') ?? 1000),
    seed: Number(argument('seed') ?? 1),
    asOf: argument('as-of') ?? DEFAULT_AS_OF,
  })
    .then((result) => console.log(`${result.rows} rows: ${result.persons} persons and ${result.decisions} decisions created in ${result.ms} ms`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
