import { z } from 'zod/v4';
import { recordedCodesOf } from '@benefits/admin-units';
import { PROGRAMMES, programmeSchema, type Programme } from '@benefits/contracts';

export const ROLES = ['operator', 'approver', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The claims a token must carry, checked on every request. */
export const userClaimsSchema = z.object({
  sub: z.string().min(1).max(100),
  name: z.string().min(1).max(200).optional(),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Operators act only on their programmes (social assistance and pension: Department of Health; meritorious: Home Affairs). */
  programmes: z.array(programmeSchema).default([]),
  province: z.string().regex(/^\d{2}$/),
  /**
   * Optional narrowing to communes (a commune People's Committee operator). Absent: the whole province. Never empty:
   * an empty list (a provider that emits the claim for a user left without commune groups) would read as "no limit"
   * to a check that asks for a non-empty list, and as "no commune" to one that asks whether it is there.
   */
  communes: z.array(z.string().regex(/^\d{5}$/)).min(1).optional(),
});

export interface AuthUser {
  id: string;
  name: string;
  roles: Role[];
  programmes: Programme[];
  provinceCode: string;
  communeCodes?: string[];
}

export function toAuthUser(claims: z.infer<typeof userClaimsSchema>): AuthUser {
  return {
    id: claims.sub,
    name: claims.name ?? claims.sub,
    roles: claims.roles,
    programmes: claims.programmes,
    provinceCode: claims.province,
    communeCodes: claims.communes,
  };
}

/** Roles that read the records of every programme: approvers approve, finance reconciles, auditors audit runs of all of them. */
const READS_EVERY_PROGRAMME: readonly Role[] = ['approver', 'finance', 'auditor', 'admin'];

/**
 * The programmes whose person-level records (decisions, amounts, payments, recoveries) a user reads, in every
 * service. An operator reads the programmes they operate: the Department of Health's staff do not read who is a war
 * invalid or a martyr's relative, nor Home Affairs' who is on social assistance.
 */
export function readableProgrammes(user: Pick<AuthUser, 'roles' | 'programmes'>): Programme[] {
  return user.roles.some((role) => READS_EVERY_PROGRAMME.includes(role)) ? [...PROGRAMMES] : PROGRAMMES.filter((p) => user.programmes.includes(p));
}

/**
 * The commune codes whose person-level records a user reads, in every service, or null for every commune: a token
 * limited to communes reads the records of those communes only, under their own codes or those of the units they were
 * formed from (a record made before 2025-07-01 carries the old code). Names, amounts, addresses and accounts of other
 * communes are not theirs to see.
 */
export function readableCommunes(user: Pick<AuthUser, 'communeCodes'>): string[] | null {
  return user.communeCodes ? recordedCodesOf(user.communeCodes) : null;
}
