import { z } from 'zod/v4';
import {
  amountSchema,
  channelSchema,
  communeCodeSchema,
  controlTotalsSchema,
  flatAttributesSchema,
  idSchema,
  monthSchema,
  personRefSchema,
  programmeSchema,
  runIdSchema,
  runScopeSchema,
} from './common';
import { defineEvent } from './envelope';
import { Topics } from './topics';

/**
 * The runs of the month disbursement had closed unpaid (RunClosedUnpaid) when a run was requested; absent: none (so
 * on events published before the field). RunClosedUnpaid and the new run's snapshot travel on different topics:
 * entitlement could price the new run while a closed one still stands there, what it scheduled (a late decision's
 * arrears, funeral support) counted as scheduled and then paid by nobody. Eligibility passes them on in the
 * snapshot's completion; entitlement applies them, as it applies RunClosedUnpaid, before it calculates the run.
 */
const closedRunIdsSchema = z.array(runIdSchema).optional();

/** disbursement asked for the run of a month and a scope. */
export const RunRequested = defineEvent({
  topic: Topics.runRequests.name,
  type: 'RunRequested',
  version: 1,
  schema: z
    .object({ runId: runIdSchema, month: monthSchema, scope: runScopeSchema, requestedBy: z.string().min(1), closedRunIds: closedRunIdsSchema })
    .strict(),
  key: (p) => p.runId,
});

/**
 * disbursement closed a run before release, so nothing of it was or will be paid: cancelled by an operator, rejected
 * at the preview, or halted on its control totals. Entitlement no longer counts what it scheduled for the run
 * (arrears, one-offs): the next run of the month owes them again.
 */
export const RunClosedUnpaid = defineEvent({
  topic: Topics.runRequests.name,
  type: 'RunClosedUnpaid',
  version: 1,
  schema: z
    .object({
      runId: runIdSchema,
      month: monthSchema,
      status: z.enum(['CANCELLED', 'REJECTED', 'HALTED']),
      reason: z.string().min(1),
      closedBy: z.string().min(1),
    })
    .strict(),
  key: (p) => p.runId,
});

/** At most this many items in one RunItemsLeftOut: a run that leaves out more sends several. */
export const ITEMS_LEFT_OUT_PER_EVENT = 1000;

/**
 * disbursement prepared a run without some of its items: the person's month of that programme was already paid, or
 * is in flight, in another run of the month (the first run of a month paid them; a second one pays the others).
 * Only items holding arrears or one-offs are listed: nothing of them is paid by this run, so entitlement no longer
 * counts the arrears and one-offs it scheduled in them, and the next run owes them again. (The month's own amount
 * needs no telling: what was paid for a month is read from the payments' outcomes.)
 */
export const RunItemsLeftOut = defineEvent({
  topic: Topics.runRequests.name,
  type: 'RunItemsLeftOut',
  version: 1,
  schema: z
    .object({
      runId: runIdSchema,
      month: monthSchema,
      reason: z.literal('ALREADY_PAID'),
      items: z.array(z.object({ personRef: personRefSchema, programme: programmeSchema }).strict()).min(1).max(ITEMS_LEFT_OUT_PER_EVENT),
    })
    .strict(),
  key: (p) => p.runId,
});

const eligibleItemSchema = z
  .object({
    personRef: personRefSchema,
    decisionId: idSchema,
    programme: programmeSchema,
    /** The group code for this month, banded by age (e.g. SA_CHILD_NO_SUPPORT_U4). */
    groupCode: z.string().min(1),
    communeCode: communeCodeSchema,
    ageYears: z.number().int().nonnegative(),
    attributes: flatAttributesSchema.default({}),
  })
  .strict();
export type EligibleItem = z.infer<typeof eligibleItemSchema>;

/** A chunk of the frozen eligibility of a run. */
export const EligibilitySnapshotChunk = defineEvent({
  topic: Topics.eligibilitySnapshots.name,
  type: 'EligibilitySnapshotChunk',
  version: 1,
  schema: z.object({ runId: runIdSchema, month: monthSchema, chunkNo: z.number().int().nonnegative(), items: z.array(eligibleItemSchema) }).strict(),
  key: (p) => p.runId,
});

/** Declared after the last chunk: entitlement checks what it received against it. */
export const EligibilitySnapshotCompleted = defineEvent({
  topic: Topics.eligibilitySnapshots.name,
  type: 'EligibilitySnapshotCompleted',
  version: 1,
  schema: z
    .object({
      runId: runIdSchema,
      month: monthSchema,
      chunkCount: z.number().int().nonnegative(),
      countsByProgramme: z.partialRecord(programmeSchema, z.number().int().nonnegative()),
      /** sha256 over the sorted "decisionId:groupCode" lines: a lost or altered item shows. */
      checksum: z.string().regex(/^[0-9a-f]{64}$/),
      /**
       * The run's communes when it was requested for some only (absent: the whole province). The funeral support of a
       * person not in the snapshot goes with a run of the commune they lived in when they died, as their payee does.
       */
      communeCodes: z.array(communeCodeSchema).optional(),
      /** The runs of the month closed unpaid before this one was requested, as its RunRequested named them. */
      closedRunIds: closedRunIdsSchema,
    })
    .strict(),
  key: (p) => p.runId,
});

const destinationSchema = z
  .object({
    personRef: personRefSchema,
    channel: channelSchema,
    /** 6-digit NAPAS BIN (bank, or LPBank 970449 for post-office accounts). */
    bankBin: z.string().regex(/^\d{6}$/).optional(),
    /** Account number encrypted for disbursement (AES-256-GCM, key PII_TRANSPORT_KEY); never plain on the wire. */
    accountCipher: z.string().optional(),
    accountHolderName: z.string().min(1),
    communeCode: communeCodeSchema,
    cashPointCode: z.string().optional(),
    /** The ID number masked as printed on post-office payment lists (e.g. 079*******34); never the whole number. */
    maskedNationalId: z.string().max(32).optional(),
    /** post_office_cash only: the hamlet or street address in the commune, printed on the cash list. */
    address: z.string().min(1).max(200).optional(),
    /**
     * A deceased person's payee (their funeral organiser, or cash for the family): the month of death, the last month
     * owed to the person. A payment not collected that is carried into theirs carries no later month.
     */
    lastMonthOwed: monthSchema.optional(),
  })
  .strict();
export type Destination = z.infer<typeof destinationSchema>;

export const RunDestinationsChunk = defineEvent({
  topic: Topics.runDestinations.name,
  type: 'RunDestinationsChunk',
  version: 1,
  schema: z.object({ runId: runIdSchema, chunkNo: z.number().int().nonnegative(), items: z.array(destinationSchema) }).strict(),
  key: (p) => p.runId,
});

/** Declared after the last destinations chunk of a run: disbursement checks what it received against it. */
export const RunDestinationsCompleted = defineEvent({
  topic: Topics.runDestinations.name,
  type: 'RunDestinationsCompleted',
  version: 1,
  schema: z.object({ runId: runIdSchema, chunkCount: z.number().int().nonnegative(), count: z.number().int().nonnegative() }).strict(),
  key: (p) => p.runId,
});

const componentSchema = z
  .object({ programme: programmeSchema, groupCode: z.string(), kind: z.string(), amount: amountSchema, text: z.string() })
  .strict();

/**
 * The component kind of funeral support (a one-off, D20 Art.11): paid for a deceased person to whoever organised the
 * funeral, never to the deceased's own account.
 */
export const FUNERAL_SUPPORT_KIND = 'funeral_support';

const entitlementItemSchema = z
  .object({
    personRef: personRefSchema,
    programme: programmeSchema,
    components: z.array(componentSchema).min(1),
    arrears: z.array(z.object({ month: monthSchema, amount: amountSchema, reason: z.string() }).strict()).default([]),
    amount: amountSchema,
  })
  .strict();
export type EntitlementItem = z.infer<typeof entitlementItemSchema>;

export const EntitlementChunk = defineEvent({
  topic: Topics.runEntitlements.name,
  type: 'EntitlementChunk',
  version: 1,
  schema: z.object({ runId: runIdSchema, month: monthSchema, chunkNo: z.number().int().nonnegative(), items: z.array(entitlementItemSchema) }).strict(),
  key: (p) => p.runId,
});

/**
 * What entitlement could not pay in a run, per programme and reason (its run_exceptions: UNPRICED, no rate table;
 * INVALID_ITEM; ARREARS_UNPRICED, ARREARS_UNKNOWN, past months), counted in persons: they are in the snapshot and in no
 * chunk, so the approver of the run sees them beside what is paid.
 */
export const notPaidSchema = z.array(
  z.object({ programme: programmeSchema, kind: z.string().min(1), code: z.string().min(1), persons: z.number().int().positive() }).strict(),
);
export type NotPaid = z.infer<typeof notPaidSchema>;

export const EntitlementCompleted = defineEvent({
  topic: Topics.runEntitlements.name,
  type: 'EntitlementCompleted',
  version: 1,
  schema: z
    .object({ runId: runIdSchema, month: monthSchema, chunkCount: z.number().int().nonnegative(), totals: controlTotalsSchema, notPaid: notPaidSchema.optional() })
    .strict(),
  key: (p) => p.runId,
});

/**
 * entitlement halted a run: it refused the run's snapshot (received counts or checksum differ from those declared),
 * or its calculation kept failing (CALCULATION_MAX_FAILURES; chunks of the pages done before may have been sent).
 * Nothing more of the run follows, no EntitlementCompleted; the run must be requested again.
 */
export const EntitlementRunHalted = defineEvent({
  topic: Topics.runEntitlements.name,
  type: 'EntitlementRunHalted',
  version: 1,
  schema: z.object({ runId: runIdSchema, reason: z.string().min(1) }).strict(),
  key: (p) => p.runId,
});

export const paymentOutcomeSchema = z.enum(['settled', 'rejected', 'returned', 'not_collected']);

/** One payment's outcome as a partner reported it. */
const paymentOutcomeFields = {
  paymentId: z.string().min(1).max(35),
  personRef: personRefSchema,
  programme: programmeSchema,
  month: monthSchema,
  amount: amountSchema,
  outcome: paymentOutcomeSchema,
  reasonCode: z.string().optional(),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * What the amount paid for, month by month: the month's own amount (regular), arrears for earlier months, and
   * amounts of earlier unpaid payments paid again (carried over after not collected, or re-sent after a rejection).
   */
  lines: z
    .array(z.object({ kind: z.enum(['regular', 'arrears', 'carried_over', 'resent']), month: monthSchema, amount: amountSchema }).strict())
    .optional(),
  /**
   * A re-send: the payment it pays again (rejected or returned, in the same run). Once the re-send has an outcome the
   * original no longer stands for its month: the month is paid once, by the re-send.
   */
  resendOf: z.string().min(1).max(35).optional(),
};

/**
 * One payment's outcome, keyed by person. Disbursement now publishes PaymentOutcomesRecorded; this one is still
 * read (events published before, and producers that report one payment at a time).
 */
export const PaymentOutcomeRecorded = defineEvent({
  topic: Topics.paymentOutcomes.name,
  type: 'PaymentOutcomeRecorded',
  version: 1,
  schema: z.object({ ...paymentOutcomeFields, runId: runIdSchema }).strict(),
  key: (p) => p.personRef,
});

/** Outcomes per PaymentOutcomesRecorded: with a year of arrears lines each, an event stays well under Kafka's 1 MB. */
export const OUTCOMES_PER_EVENT = 500;

/**
 * The outcomes of a run's payments recorded together (a partner's status report, a statement): one event for up to
 * OUTCOMES_PER_EVENT of them instead of one each. Keyed by run: a payment belongs to one run, so its outcomes are
 * consumed in the order they were recorded. Each outcome has its own id, which the ledger keeps.
 */
export const PaymentOutcomesRecorded = defineEvent({
  topic: Topics.paymentOutcomes.name,
  type: 'PaymentOutcomesRecorded',
  version: 1,
  schema: z
    .object({
      runId: runIdSchema,
      outcomes: z.array(z.object({ outcomeId: idSchema, ...paymentOutcomeFields }).strict()).min(1).max(OUTCOMES_PER_EVENT),
    })
    .strict(),
  key: (p) => p.runId,
});

export const CollectionAlertRaised = defineEvent({
  topic: Topics.collectionAlerts.name,
  type: 'CollectionAlertRaised',
  version: 1,
  schema: z
    .object({ personRef: personRefSchema, programme: programmeSchema, months: z.array(monthSchema).min(3), reason: z.literal('NOT_COLLECTED_3_MONTHS') })
    .strict(),
  key: (p) => p.personRef,
});

/**
 * A partner reports the payee of a payment dead: a bank refused or returned it with MD07 (end customer deceased), or
 * the post office's settlement report has it not collected, reason deceased. Eligibility suspends the person's
 * decisions of that programme from the payment's month (unless the death is on record already) until an operator
 * records the death or, if the partner was wrong, resumes them with arrears. Not raised for funeral support (paid to
 * someone else, for a death already known).
 */
export const PayeeReportedDeceased = defineEvent({
  topic: Topics.collectionAlerts.name,
  type: 'PayeeReportedDeceased',
  version: 1,
  schema: z
    .object({
      personRef: personRefSchema,
      programme: programmeSchema,
      /** The month the payment was for. */
      month: monthSchema,
      paymentId: z.string().min(1),
      /** MD07 (a bank's ISO reason) or DECEASED (the post office's settlement report). */
      reasonCode: z.enum(['MD07', 'DECEASED']),
      /** The day the partner reported it. */
      reportedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
    .strict(),
  key: (p) => p.personRef,
});

export const lifeEventKindSchema = z.enum([
  'death',
  'moved_within_province',
  'moved_out_of_province',
  'suspended',
  'resumed',
  'studying_ended',
  'poverty_status_changed',
  'payment_destination_changed',
  /** One decision terminated by an operator (eligibility POST .../terminate): effectiveOn is the last day paid. */
  'decision_terminated',
  /**
   * A care allowance held for a person who has died (eligibility publishes one with that person's death, for each
   * care decision held for them, keyed by the holder): effectiveOn is the date of death, the last day the allowance is
   * owed for (it stops from the month after, CARED_FOR_DECEASED); details.caredForRef is the person who died.
   */
  'cared_for_died',
]);

export const LifeEventRecorded = defineEvent({
  topic: Topics.lifeEvents.name,
  type: 'LifeEventRecorded',
  version: 1,
  schema: z
    .object({
      personRef: personRefSchema,
      kind: lifeEventKindSchema,
      effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      programmes: z.array(programmeSchema).default([]),
      details: flatAttributesSchema.default({}),
    })
    .strict(),
  key: (p) => p.personRef,
});
