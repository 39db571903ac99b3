/** Injection token of the validated EligibilityConfig. */
export const ELIGIBILITY_CONFIG = Symbol('ELIGIBILITY_CONFIG');

/** Injection token of the service's kafkajs client. */
export const KAFKA = Symbol('KAFKA');

/** Who `producer` is on every event this service writes. */
export const PRODUCER = 'eligibility';
