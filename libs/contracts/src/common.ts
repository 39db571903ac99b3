import { z } from 'zod/v4';

/** Shared field schemas. Amounts travel as strings of whole đồng ("1250000"): JSON numbers lose precision. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const amountSchema = z.string().regex(/^\d+$/, 'must be a whole number of đồng as a string');
export const programmeSchema = z.enum(['social_assistance', 'social_pension', 'meritorious']);
export type Programme = z.infer<typeof programmeSchema>;
export const PROGRAMMES: readonly Programme[] = programmeSchema.options;
export const channelSchema = z.enum(['bank', 'post_office_account', 'post_office_cash']);
export type Channel = z.infer<typeof channelSchema>;
export const communeCodeSchema = z.string().regex(/^\d{5}$/, 'must be a 5-digit commune code');
/**
 * Any UUID-shaped id (8-4-4-4-12 hex digits), as the services generate and store them; z.guid, not z.uuid, which
 * refuses ids without an RFC version and variant.
 */
export const idSchema = z.guid();
/** An opaque, stable reference to a person: never the personal ID number. */
export const personRefSchema = idSchema;
export const runIdSchema = idSchema;

export const runScopeSchema = z
  .object({
    provinceCode: z.string().regex(/^\d{2}$/),
    programmes: z.array(programmeSchema).min(1),
    communeCodes: z.array(communeCodeSchema).optional(),
  })
  .strict();
export type RunScope = z.infer<typeof runScopeSchema>;

/** A flat map of strings, finite numbers and booleans, as JSON carries them (an eligible item's attributes, a life event's details). */
export type FlatAttributes = Record<string, string | number | boolean>;

function isFlatAttributes(value: unknown): value is FlatAttributes {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));
}

/**
 * Checked by a predicate, which hands the object on as it is: a z.record of a z.union copied every entry of every
 * item, a third of the cost of validating a snapshot chunk of 1,000 items.
 */
export const flatAttributesSchema = z.custom<FlatAttributes>(isFlatAttributes, 'must be an object of strings, finite numbers and booleans');

/** Count and total per programme: declared by the producer of a chunked stream, checked by its consumer. */
export const controlTotalsSchema = z.partialRecord(programmeSchema, z.object({ count: z.number().int().nonnegative(), total: amountSchema }).strict());
export type ControlTotals = z.infer<typeof controlTotalsSchema>;
