import { createHash } from 'node:crypto';
import { isCredentialKey, maskAccount, maskFreeText, maskNationalId } from '../pii';

/**
 * The audit trail's rules, as plain functions: what an entry holds, how it is masked, and how each entry's hash
 * chains it to the one before, so that an entry edited, removed or inserted afterwards shows on verification.
 */

/** A change (or an attempt at one), a read of personal data, or a refused request. */
export type AuditKind = 'change' | 'read' | 'refusal';

/** What is hashed: every column of an entry except its id and its hashes. */
export interface AuditContent {
  at: string;
  actor: string | null;
  roles: string[];
  kind: AuditKind;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  request: unknown;
  correlationId: string | null;
  outcome: number | null;
}

export interface StoredAuditEntry extends AuditContent {
  id: string;
  prevHash: string;
  hash: string;
}

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with the keys of every object sorted: the same content always gives the same text, whatever jsonb did to it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = sha256(previous hash + canonical JSON of the entry's content), hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The hash of the last entry checked: write it down to notice later that entries were cut from the end. */
  lastHash: string;
  firstBrokenId?: string;
}

/**
 * Walks entries in id order from `prevHash` (the genesis, or the last hash of the previous page). Stops at the first
 * entry whose link or hash does not match: everything from there on is suspect.
 */
export function verifyChain(entries: readonly StoredAuditEntry[], prevHash = GENESIS_HASH): ChainVerdict {
  let last = prevHash;
  let checked = 0;
  for (const entry of entries) {
    const { id, prevHash: linked, hash, ...content } = entry;
    if (linked !== last || hash !== chainHash(linked, content)) return { ok: false, entries: checked, lastHash: last, firstBrokenId: id };
    last = hash;
    checked += 1;
  }
  return { ok: true, entries: checked, lastHash: last };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keys compared without underscores: `national_id`, `account_number` are the same fields. */
const NATIONAL_ID_KEY = /nationalid/i;
const ACCOUNT_KEY = /^(bank)?account(number|no)?$|accountnumber$|accountno$/i;
/** Phone numbers: kept encrypted in the register, written with spaces or dots as often as not. */
const PHONE_KEY = /phone/i;
/** Larger request bodies are summarised: the trail is for who did what, not a copy of every file. */
const MAX_REQUEST_CHARS = 4096;

/** Free text with every long run of digits and any quoted credential masked; a UUID (a reference, not personal data) is left whole. */
export function maskText(text: string): string {
  // PostgreSQL text and jsonb cannot hold a NUL character.
  return UUID.test(text) ? text : maskFreeText(text).replaceAll('\u0000', '');
}

/**
 * What may enter the trail: plain JSON (dates as ISO text, bigints as text) with ID and account numbers masked
 * wherever they are, secrets removed, and never a whole ID or account number.
 */
export function maskForAudit(value: unknown, key = '', depth = 0): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    if (isCredentialKey(key)) return '[redacted]';
    const plainKey = key.replaceAll('_', '');
    if (NATIONAL_ID_KEY.test(plainKey)) return maskNationalId(value);
    if (ACCOUNT_KEY.test(plainKey)) return maskAccount(value);
    if (PHONE_KEY.test(key)) return maskAccount(value.replace(/\D/g, ''));
    return maskText(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // A number sent unquoted ({"nationalId": 79203001234}): the trail keeps the body of a request validation refuses,
    // so an ID, account or phone number is masked as its digits, as is any number long enough to be one.
    const plainKey = key.replaceAll('_', '');
    const personal = NATIONAL_ID_KEY.test(plainKey) || ACCOUNT_KEY.test(plainKey) || PHONE_KEY.test(key);
    return personal || /\d{9}/.test(String(value)) ? maskForAudit(String(value), key, depth) : value;
  }
  if (typeof value !== 'object') return typeof value === 'boolean' ? value : null;
  if (depth > 8) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => maskForAudit(item, key, depth + 1));
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskForAudit(v, k, depth + 1)]));
}

/** The request as the trail keeps it: masked, and summarised when large. */
export function auditedRequest(parts: { query?: unknown; body?: unknown }): unknown {
  const present = Object.fromEntries(
    Object.entries(parts).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v as object).length === 0)),
  );
  if (Object.keys(present).length === 0) return null;
  const masked = maskForAudit(present);
  const size = JSON.stringify(masked).length;
  return size > MAX_REQUEST_CHARS ? { summarised: true, chars: size, fields: Object.keys((present.body ?? present.query) as object) } : masked;
}
