import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@benefits/testing';

/**
 * Services talk over Kafka and HTTP only. The Nx tag constraints in eslint.config.mjs must really refuse a
 * service importing another service, and let it import a lib.
 */
function lint(file: string, source: string): string {
  const result = spawnSync('npx', ['eslint', '--no-warn-ignored', '--stdin', '--stdin-filename', file], {
    cwd: REPO_ROOT,
    input: source,
    encoding: 'utf8',
  });
  return result.stdout + result.stderr;
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The rule reads Nx's project graph and silently skips itself when none is cached (a fresh clone): make one.
    spawnSync('npx', ['nx', 'show', 'projects'], { cwd: REPO_ROOT, encoding: 'utf8' });
  });

  it('refuses a service importing another service', () => {
    const output = lint(
      'services/disbursement/src/boundary-probe.ts',
      "import { calculateMonth } from '../../entitlement/src/domain';\nexport const probe = calculateMonth;\n",
    );
    expect(output).toMatch(/error\s+Projects cannot be imported by a relative or absolute path.*@nx\/enforce-module-boundaries/);
  });

  it('refuses a lib importing a service', () => {
    const output = lint('libs/money/src/boundary-probe.ts', "import { AppModule } from '../../../services/eligibility/src/app.module';\nexport const probe = AppModule;\n");
    expect(output).toMatch(/error\s+Projects cannot be imported by a relative or absolute path.*@nx\/enforce-module-boundaries/);
  });

  it('lets a service import a lib through its index', () => {
    const output = lint('services/disbursement/src/boundary-probe.ts', "import { formatDong } from '@benefits/money';\nexport const probe = formatDong;\n");
    expect(output).not.toMatch(/error/);
    expect(output).not.toMatch(/No cached ProjectGraph/); // the rule really ran
  });
});
