/**
 * Errors of the entitlement domain. Each has a stable `code`; the service maps codes to HTTP answers and
 * rejection events in one place.
 */
import type { Month } from './month';

export abstract class EntitlementError extends Error {
  abstract readonly code: string;
}

export class InvalidMonthError extends EntitlementError {
  readonly code = 'INVALID_MONTH';
  constructor(readonly input: string) {
    super(`"${input}" is not a month (YYYY-MM) or a date (YYYY-MM-DD)`);
  }
}

export class UnknownGroupError extends EntitlementError {
  readonly code = 'UNKNOWN_GROUP';
  constructor(readonly programme: string, readonly groupCode: string) {
    super(`${groupCode} is not a group of programme ${programme}`);
  }
}

/** No rate table answers for this group in this month: the amount is not invented, the month stays unpriced. */
export class NoRateTableError extends EntitlementError {
  readonly code = 'NO_RATE_TABLE';
  constructor(readonly table: string, readonly key: string, readonly month: Month, detail?: string) {
    super(`No rate table for ${key} in ${month} (${table})${detail ? `: ${detail}` : ''}`);
  }
}

/** An item from eligibility lacks what its group needs (injury rate, number of children ...) or contradicts it. */
export class InvalidItemError extends EntitlementError {
  readonly code = 'INVALID_ITEM';
  constructor(readonly groupCode: string, reason: string) {
    super(`${groupCode}: ${reason}`);
  }
}

export class InvalidTableVersionError extends EntitlementError {
  readonly code = 'INVALID_TABLE_VERSION';
  constructor(readonly versionId: string, readonly issues: readonly { code: string; message: string }[]) {
    super(`Table version ${versionId} is invalid: ${issues.map((issue) => issue.message).join('; ')}`);
  }
}
