import { COMMUNE_KIND_LABELS, communeFullName, findCommune } from '@benefits/admin-units';

/** A commune's name beside its 5-digit code, for the finance reports and the run preview. */
export interface CommuneName {
  /** As official lists print it, kind first: "Xã Mỹ Hòa Hưng", "Phường Long Xuyên", "Đặc khu Phú Quốc". */
  communeName: string | null;
  /** The unit's kind: Xã, Phường, Đặc khu (Thị trấn before 2025-07-01). */
  communeKind: string | null;
}

const UNKNOWN: CommuneName = { communeName: null, communeKind: null };

/**
 * The unit a commune code named in a payment month ("YYYY-MM"): codes were reused on 2025-07-01, so 30307 is
 * phường Mỹ Hòa until June 2025 and phường Long Xuyên after. A code the data does not know (another province, a
 * test's made-up commune) or no code at all (the post-office account list) has no name: nulls, never an error.
 */
export function communeNameOf(communeCode: string | null, month: string): CommuneName {
  const commune = communeCode ? findCommune(communeCode, `${month}-01`) : undefined;
  return commune ? { communeName: communeFullName(commune), communeKind: COMMUNE_KIND_LABELS[commune.kind] } : UNKNOWN;
}

/** A row with its commune's name and kind beside its code. */
export function withCommuneName<T extends { communeCode: string | null }>(row: T, month: string): T & CommuneName {
  return { ...row, ...communeNameOf(row.communeCode, month) };
}
