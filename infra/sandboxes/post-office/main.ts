import { loadPostOfficeConfig } from './config';
import { createPostOfficeSandbox } from './post-office-sandbox';

/** node -r ./infra/paths.js dist/infra/sandboxes/post-office/main.js — configured by POST_OFFICE_* variables. */
async function main(): Promise<void> {
  const sandbox = createPostOfficeSandbox(loadPostOfficeConfig(process.env));
  const { url } = await sandbox.listen(sandbox.config.port);
  process.stdout.write(`post-office sandbox listening on ${url}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`post-office sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
