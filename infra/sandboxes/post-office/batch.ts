import { z } from 'zod';

/**
 * A payment list (danh sách chi trả) as the post office takes it over its JSON API. Amounts are strings of whole
 * đồng, summed as bigint. Schema errors are a 400; a list that does not add up is a 422 with the reasons.
 */
const amount = z.string().regex(/^\d+$/, 'must be a whole number of đồng as a string');

export const batchItemSchema = z
  .object({
    /** The line's number on the list (số thứ tự), from 1. */
    seq: z.number().int().min(1),
    paymentId: z.string().min(1).max(35),
    beneficiaryCode: z.string().min(1).max(64),
    /** The programme the line pays (a list may hold several). */
    programme: z.enum(['social_assistance', 'social_pension', 'meritorious']),
    fullName: z.string().min(1).max(200),
    /** Printed lists carry a masked ID number only. */
    maskedId: z.string().min(1).max(32),
    amount,
    arrears: amount,
    carriedOver: amount,
    total: amount,
    accountNumber: z.string().min(1).max(34).optional(),
    /** Cash point lists: the hamlet or street address of the payee (thôn, ấp, tổ, khóm; số nhà). */
    address: z.string().min(1).max(200).optional(),
  })
  .strict();

export const batchSchema = z
  .object({
    batchId: z.string().min(1).max(64),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
    kind: z.enum(['account', 'cash_point']),
    communeCode: z.string().regex(/^\d{5}$/, 'must be a 5-digit commune code').optional(),
    pointCode: z.string().min(1).max(32).optional(),
    /** Declared count and total: checked against the items, as a control total. */
    itemCount: z.number().int().nonnegative(),
    totalAmount: amount,
    items: z.array(batchItemSchema).min(1),
  })
  .strict();

export type BatchItem = z.infer<typeof batchItemSchema>;
export type Batch = z.infer<typeof batchSchema>;

/** A full 9- or 12-digit ID number: never acceptable where a masked one is expected. */
const UNMASKED_ID = /^\d{9}(\d{3})?$/;

/** Every reason the list cannot be accepted; empty when it adds up. */
export function checkBatch(batch: Batch): string[] {
  const problems: string[] = [];
  if (batch.itemCount !== batch.items.length) {
    problems.push(`itemCount declares ${batch.itemCount}, the list holds ${batch.items.length}`);
  }
  const total = batch.items.reduce((sum, item) => sum + BigInt(item.total), 0n);
  if (BigInt(batch.totalAmount) !== total) {
    problems.push(`totalAmount declares ${batch.totalAmount}, the items add up to ${total}`);
  }
  if (batch.kind === 'cash_point' && (!batch.communeCode || !batch.pointCode)) {
    problems.push('a cash_point list needs communeCode and pointCode');
  }
  const seen = new Set<string>();
  batch.items.forEach((item, i) => {
    const where = `items[${i}] (${item.paymentId})`;
    if (item.seq !== i + 1) problems.push(`${where}: seq ${item.seq} is not its place on the list (${i + 1})`);
    if (seen.has(item.paymentId)) problems.push(`${where}: paymentId appears twice`);
    seen.add(item.paymentId);
    const sum = BigInt(item.amount) + BigInt(item.arrears) + BigInt(item.carriedOver);
    if (sum !== BigInt(item.total)) problems.push(`${where}: total ${item.total} is not amount + arrears + carriedOver = ${sum}`);
    if (batch.kind === 'account' && !item.accountNumber) problems.push(`${where}: an account payment needs accountNumber`);
    if (UNMASKED_ID.test(item.maskedId)) problems.push(`${where}: maskedId is a full ID number`);
  });
  return problems;
}
