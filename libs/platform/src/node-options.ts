/**
 * The Node.js options each of the three services runs with, wherever it is started: `npm start` (infra/start.sh),
 * the tests (`startService`), the benches, and the image (the Dockerfile sets the same in NODE_OPTIONS).
 *
 * Each service is meant to stay under 512 MB resident (issue 8). Left to itself, V8 sizes the old generation from the
 * machine's memory (over 4 GB on a 24 GB machine) and lets garbage pile up to several times the live heap before a
 * full collection: at 100,000 beneficiaries disbursement peaked at 450–555 MB while its live heap after a collection
 * was 70–100 MB. With the old generation capped at 320 MB it collects sooner and peaked at 260 MB, in the same time.
 * The services hold a page, a chunk or a batch at a time, never the register, so their live heap does not grow with
 * the province; one that outgrows the cap stops with "JavaScript heap out of memory" and is restarted, rather than
 * taking the machine's memory.
 */
export const SERVICE_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=320'];
