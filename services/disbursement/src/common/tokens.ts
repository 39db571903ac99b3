/** Injection tokens of values that are not classes. */
export const CONFIG = Symbol('DISBURSEMENT_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const OUTBOX = Symbol('OUTBOX');
export const LOGGER = Symbol('LOGGER');
