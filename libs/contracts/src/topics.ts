/**
 * Every Kafka topic of the platform, with its partition count. Topics are versioned in their name; a breaking
 * change to a topic's events means a new topic, not an edit. Created explicitly by `npm run infra:topics`
 * (automatic topic creation is off on the broker).
 */
export const Topics = {
  /** disbursement → eligibility, entitlement: an operator asked for a payment run; a run closed before release. Key: runId. */
  runRequests: { name: 'disbursement.run-requests.v1', partitions: 3 },
  /** eligibility → entitlement: the frozen eligibility of a run, in chunks, then control totals. Key: runId. */
  eligibilitySnapshots: { name: 'eligibility.snapshots.v1', partitions: 6 },
  /** eligibility → disbursement: where each person of a run is paid (account numbers encrypted). Key: runId. */
  runDestinations: { name: 'eligibility.run-destinations.v1', partitions: 6 },
  /** eligibility → entitlement, disbursement: life events (death, move, suspension …). Key: personRef. */
  lifeEvents: { name: 'eligibility.life-events.v1', partitions: 6 },
  /** entitlement → disbursement: what each person of a run is owed, in chunks, then control totals. Key: runId. */
  runEntitlements: { name: 'entitlement.run-entitlements.v1', partitions: 6 },
  /** disbursement → entitlement, eligibility: the final outcome of each payment. Key: personRef. */
  paymentOutcomes: { name: 'disbursement.payment-outcomes.v1', partitions: 6 },
  /** disbursement → eligibility: a person did not collect for three months running, or a partner reports them deceased. Key: personRef. */
  collectionAlerts: { name: 'disbursement.collection-alerts.v1', partitions: 3 },
  /** every consumer → operators: messages that could not be processed, with the original and the reason. */
  deadLetter: { name: 'platform.dead-letter.v1', partitions: 1 },
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics]['name'];

export const ALL_TOPICS: ReadonlyArray<{ name: string; partitions: number }> = Object.values(Topics);

/**
 * The largest message a platform topic takes (its max.message.bytes; the broker's message.max.bytes too). Kafka's
 * default, 1 MiB, is below what a chunk can reach: an EntitlementChunk of 1,000 persons is about 0.5 MB, and 1.3 MB
 * with a year of arrears each; a dead-letter record carries its original whole. One event refused for its size would
 * stop its service's outbox relay (events go out in order) or a consumer's partition for good.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
