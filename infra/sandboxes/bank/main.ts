import { createBankSandbox } from './bank-sandbox';
import { loadBankConfig } from './config';

/** node -r ./infra/paths.js dist/infra/sandboxes/bank/main.js — configured by BANK_* variables (README.md). */
async function main(): Promise<void> {
  const sandbox = createBankSandbox(loadBankConfig(process.env));
  const { url } = await sandbox.listen(sandbox.config.port);
  process.stdout.write(`bank sandbox listening on ${url}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bank sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
