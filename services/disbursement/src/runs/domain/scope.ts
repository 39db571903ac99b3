import type { Programme, RunScope } from '@benefits/contracts';

/** Province, programmes and communes in one canonical string: two runs of the same scope have the same key. */
export function scopeKey(scope: RunScope): string {
  const programmes = [...new Set(scope.programmes)].sort().join(',');
  const communes = scope.communeCodes?.length ? [...new Set(scope.communeCodes)].sort().join(',') : '*';
  return `${scope.provinceCode}|${programmes}|${communes}`;
}

/**
 * Two runs of the same month whose scopes overlap would each take the other's people as "already paid or in flight"
 * (instruction-builder.ts): when one is then cancelled or rejected, its lines are voided and the other, already
 * prepared without those people, pays them nothing for the month. So a run is refused while an overlapping one is
 * open. Scopes overlap when they share the province, a programme, and a commune (no communes = the whole province).
 */
export function scopesOverlap(a: RunScope, b: RunScope): boolean {
  if (a.provinceCode !== b.provinceCode) return false;
  if (!a.programmes.some((p) => b.programmes.includes(p))) return false;
  if (!a.communeCodes?.length || !b.communeCodes?.length) return true;
  return a.communeCodes.some((c) => b.communeCodes?.includes(c));
}

/**
 * Social assistance and the social pension are paid in the same runs: a person entitled to both gets only the higher
 * (Decree 176/2025/NĐ-CP), which entitlement decides when it prices both in one run. Paid in separate runs, each
 * would pay its own in full. Returns the programme a scope lacks, or null.
 */
export function unpairedProgramme(programmes: readonly Programme[]): Programme | null {
  const hasAssistance = programmes.includes('social_assistance');
  const hasPension = programmes.includes('social_pension');
  if (hasAssistance === hasPension) return null;
  return hasAssistance ? 'social_pension' : 'social_assistance';
}

export interface ScopeActor {
  readonly roles: readonly string[];
  readonly programmes: readonly Programme[];
  readonly provinceCode: string;
  readonly communeCodes?: readonly string[];
}

/**
 * Why this user may not act on a run of this scope, or null. Operators and approvers act only on their
 * programmes, their province and (when their token narrows them) their communes; an admin on any.
 */
export function scopeRefusal(actor: ScopeActor, scope: RunScope): string | null {
  if (actor.roles.includes('admin')) return null;
  if (actor.provinceCode !== scope.provinceCode) return `you act for province ${actor.provinceCode}, not ${scope.provinceCode}`;
  const foreign = scope.programmes.filter((p) => !actor.programmes.includes(p));
  if (foreign.length > 0) return `you do not serve ${foreign.join(', ')}`;
  return communeRefusal(actor, scope);
}

/**
 * Why a user whose token is limited to communes may not see or act on a run of this scope, or null: a run of the
 * whole province, or of any commune not theirs, holds other communes' people.
 */
export function communeRefusal(actor: Pick<ScopeActor, 'communeCodes'>, scope: Pick<RunScope, 'communeCodes'>): string | null {
  const mine = actor.communeCodes ?? [];
  if (mine.length === 0) return null;
  if (!scope.communeCodes?.length) return 'your token is limited to some communes: name them in the scope';
  const outside = scope.communeCodes.filter((c) => !mine.includes(c));
  return outside.length > 0 ? `communes ${outside.join(', ')} are outside your communes` : null;
}
