import { AUDIT_READ } from '@benefits/platform';
import { RunsController } from './runs.controller';

/** Which reads land in the audit trail as reads of personal data (docs/security.md: every read of personal data). */
describe('RunsController: audited reads', () => {
  it.each([
    // The summary lists the persons left unpaid (person ref, programme, why): per-person facts, as the person view's.
    ['summary', 'run-summary'],
    ['person', 'person'],
    ['recoveries', 'recovery'],
  ] as const)('%s is recorded as a read of %s', (handler, resourceType) => {
    expect(Reflect.getMetadata(AUDIT_READ, RunsController.prototype[handler])).toBe(resourceType);
  });
});
