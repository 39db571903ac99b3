import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The last line of .ci/run, computed by infra/ci-summary.js exactly as CI calls it. */
const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
function line(report: object | string | undefined, status: number): string {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  if (report !== undefined) writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report));
  return execFileSync(process.execPath, [join(__dirname, 'ci-summary.js'), file, String(status)], { encoding: 'utf8' }).trim();
}
const report = (passed: number, failed: number, runtimeErrors: number, success: boolean) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numRuntimeErrorTestSuites: runtimeErrors,
  success,
});

describe('ci-summary', () => {
  it('counts passed and failed tests of a finished run', () => {
    expect(line(report(120, 0, 0, true), 0)).toBe('120 passed, 0 failed');
    expect(line(report(118, 2, 0, false), 1)).toBe('118 passed, 2 failed');
  });

  it('counts a suite that could not run as failed', () => {
    expect(line(report(100, 0, 1, false), 1)).toBe('100 passed, 1 failed');
    expect(line(report(100, 3, 2, false), 1)).toBe('100 passed, 5 failed');
  });

  it('never says 0 failed for a run that did not succeed', () => {
    // every test passed, then jest hung on an open handle and the timeout killed it
    expect(line(report(120, 0, 0, true), 124)).toBe('120 passed, 1 failed');
    // a snapshot or reporter failure: jest reports success false with no failed test
    expect(line(report(120, 0, 0, false), 1)).toBe('120 passed, 1 failed');
  });

  it('is one failure when jest wrote no report, or a broken one', () => {
    expect(line(undefined, 1)).toBe('0 passed, 1 failed');
    expect(line(undefined, 0)).toBe('0 passed, 1 failed');
    expect(line('{"numPassedTests": 12', 143)).toBe('0 passed, 1 failed');
  });
});
