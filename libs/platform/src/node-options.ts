/**
 * The Node.js options each of the three services runs with, wherever it is started: `npm start` (infra/start.sh),
 * the tests (`startService`), the benches, and the image (the Dockerfile sets the same in NODE_OPTIONS).
 *
 * Each service is meant to stay under 512 MB resident (issue 8). Left to itself, V8 sizes the old generation from the
 * machine's memory (over 4 GB on a 24 GB machine) and lets garbage pile up to several times the live heap before a
 * full collection: at 100,000 beneficiaries disbursement peaked at 450–555 MB while its live heap after a collection
 * was 70–100 MB. With the old generation capped at 320 MB V8 collects sooner: at 100,000 disbursement peaked at 260 MB
 * in the same time (within the machine's noise), and at 1,000,000 the three services peaked at 355, 207 and 301 MB
 * (bench/README.md).
 *
 * The services hold a page, a chunk or a batch at a time, never the register, so their live heap does not grow with
 * the province; one that outgrew the cap would stop with "JavaScript heap out of memory" (the compose file
 * restarts it; its jobs and consumers resume where they were) rather than take the machine's memory.
 */
export const SERVICE_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=320'];
