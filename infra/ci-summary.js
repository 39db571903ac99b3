// `.ci/run`'s last line, "N passed, N failed", from jest's JSON report (--json --outputFile) and jest's exit status.
//   node infra/ci-summary.js REPORT_FILE EXIT_STATUS
// Failed = failed tests + suites that could not run (a compile error, a crash in a hook). Without a report (the
// preparation failed, jest crashed or was stopped before writing it) nothing is known to have passed and the run
// is one failure. A run that did not succeed never reads "0 failed": jest can exit non-zero with every counted test
// passed (a snapshot or reporter failure, or a process that hung after the report and was killed by the timeout).
const { readFileSync } = require('node:fs');

function summaryLine(reportText, status) {
  let report;
  try {
    report = JSON.parse(reportText);
  } catch {
    report = undefined;
  }
  if (!report || typeof report.numPassedTests !== 'number') return '0 passed, 1 failed';
  let failed = (report.numFailedTests || 0) + (report.numRuntimeErrorTestSuites || 0);
  if (failed === 0 && (status !== 0 || report.success !== true)) failed = 1;
  return `${report.numPassedTests} passed, ${failed} failed`;
}

module.exports = { summaryLine };

if (require.main === module) {
  const [file, status] = process.argv.slice(2);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no report: summaryLine says so
  }
  console.log(summaryLine(text, Number(status)));
}
