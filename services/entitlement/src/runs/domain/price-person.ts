import { sum, type Dong } from '@benefits/money';
import {
  EntitlementError,
  NoRateTableError,
  pricingClusters,
  type Component,
  type EntitlementItem,
  type MonthCalculator,
  type MonthEntitlement,
  type Month,
  type Programme,
  type RateBook,
} from '../../domain';
import type { PersonInput } from './snapshot-input';

export type ExceptionKind = 'UNPRICED' | 'INVALID_ITEM' | 'ARREARS_UNPRICED' | 'ARREARS_UNKNOWN';

/** A person (or a past month of theirs) not paid in a run, and why. Reported, never invented. */
export interface RunException {
  readonly programme: Programme;
  readonly month: Month;
  readonly kind: ExceptionKind;
  readonly code: string;
  readonly message: string;
}

/**
 * The items priced together: social assistance with the social pension (only the higher of the two is paid), and
 * meritorious service on its own. A missing meritorious table does not hold back a person's social assistance.
 */
export interface PricedCluster {
  readonly items: readonly EntitlementItem[];
  readonly entitlement: MonthEntitlement;
}

export interface ProgrammeAmount {
  readonly programme: Programme;
  readonly components: readonly Component[];
  readonly amount: Dong;
  readonly cluster: PricedCluster;
}

export interface PersonPricing {
  readonly personRef: string;
  readonly clusters: readonly PricedCluster[];
  readonly programmes: readonly ProgrammeAmount[];
  readonly exceptions: readonly RunException[];
}

const isMeritorious = (item: { programme: Programme }) => item.programme === 'meritorious';

/** What one person is owed for the run's month, per programme, with the exceptions that keep parts unpaid. */
export function pricePerson(person: PersonInput, month: Month, provinceCode: string, book: RateBook, calculate: MonthCalculator): PersonPricing {
  const clusters: PricedCluster[] = [];
  const exceptions: RunException[] = [];
  for (const clusterItems of pricingClusters(person.items)) {
    const meritorious = isMeritorious(clusterItems[0]);
    const problems = person.problems.filter((p) => isMeritorious(p) === meritorious);
    const programmes = [...new Set(clusterItems.map((i) => i.programme))];
    if (problems.length > 0) {
      const message = problems.map((p) => p.message).join('; ');
      exceptions.push(...programmes.map((programme) => ({ programme, month, kind: 'INVALID_ITEM' as const, code: 'INVALID_ITEM', message })));
      continue;
    }
    try {
      const entitlement = calculate({ personRef: person.personRef, provinceCode, items: clusterItems }, month, book);
      clusters.push({ items: clusterItems, entitlement });
    } catch (error) {
      if (!(error instanceof EntitlementError)) throw error;
      const kind: ExceptionKind = error instanceof NoRateTableError ? 'UNPRICED' : 'INVALID_ITEM';
      exceptions.push(...programmes.map((programme) => ({ programme, month, kind, code: error.code, message: error.message })));
    }
  }
  // Problems of items whose cluster had no valid item at all are reported too.
  for (const problem of person.problems) {
    if (!exceptions.some((e) => e.programme === problem.programme)) {
      exceptions.push({ programme: problem.programme, month, kind: 'INVALID_ITEM', code: 'INVALID_ITEM', message: problem.message });
    }
  }
  const programmes = clusters.flatMap((cluster) => {
    const paid = [...new Set(cluster.entitlement.components.map((c) => c.programme))];
    return paid.map((programme) => {
      const components = cluster.entitlement.components.filter((c) => c.programme === programme);
      return { programme, components, amount: sum(components.map((c) => c.amount)), cluster };
    });
  });
  return { personRef: person.personRef, clusters, programmes, exceptions };
}
