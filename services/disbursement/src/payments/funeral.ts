import { FUNERAL_SUPPORT_KIND, type EntitlementItem } from '@benefits/contracts';

/**
 * Funeral support (D20 Art.11) is paid for a deceased person to whoever organised the funeral: eligibility sends the
 * organiser's destination (or a cash payee at the commune) as the deceased's destination. A payment is told apart by
 * its components. SQL fragments over a jsonb array of components (`column`), the one place the kind is matched.
 */
export function holdsFuneralSupport(column: string): string {
  return `(${column} @> '[{"kind":"${FUNERAL_SUPPORT_KIND}"}]'::jsonb)`;
}

/** The same test on a payment read into memory. */
export function paysFuneralSupport(components: EntitlementItem['components']): boolean {
  return components.some((c) => c.kind === FUNERAL_SUPPORT_KIND);
}

/** Every component is funeral support: the item of a deceased person entitlement pays outside the run's snapshot. */
export function onlyFuneralSupport(column: string): string {
  return `NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${column}) AS fc(value) WHERE fc.value->>'kind' <> '${FUNERAL_SUPPORT_KIND}')`;
}

/** The payee of a funeral support that arrived without any: held (PAYEE_MISSING) until re-sent to the organiser. */
export const UNKNOWN_FUNERAL_PAYEE = 'Người lo mai táng (chưa xác định)';
