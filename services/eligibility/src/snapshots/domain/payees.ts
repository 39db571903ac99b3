/**
 * Who each person of a run's page is paid through, pure. A living payable person: their own destination. A deceased
 * person is never paid into their own account (the bank rejects it, MD07 deceased): what is still paid for them —
 * the funeral support (D20 Art.11), the month of death, arrears — goes to whoever organised the funeral, or, when
 * nobody was named, waits in cash at the post office of their commune for the family, who collect it with the death
 * certificate and their papers (the cash list names the payee "Người lo mai táng cho <name>" and shows the
 * deceased's masked ID number).
 */
import { communesOn, isWithinProvince, payingCommuneOf } from '@benefits/admin-units';
import type { Residence, RunScope } from '../../domain/eligibility-input';
import { residenceDay } from '../../domain/eligibility-rules';
import { addMonths, compareMonths, firstDayOf, monthOf, parseMonth, type IsoDate } from '../../domain/months';

/**
 * How long after a death is reported its funeral payee is sent with every run, payable or not. Entitlement computes
 * the funeral support when the death is reported and keeps it, unexpiring, until the first run of the month of death
 * or later claims it: with monthly runs, the next run. A year covers any run calendar; should a run claim it later
 * still, disbursement holds that one payment (PAYEE_MISSING, re-sendable to the organiser) instead of halting.
 */
export const FUNERAL_PAYEE_MONTHS = 12;

/**
 * The commune's post-office counter (điểm Bưu điện - Văn hóa xã), where a funeral support is paid in cash when nobody
 * was named and the deceased had no cash point of their own. A convention of this system: verify with the post office.
 */
export function communePostOfficePoint(communeCode: string): string {
  return `BDVHX-${communeCode}`;
}

export function funeralCashPayeeName(deceasedName: string): string {
  return `Người lo mai táng cho ${deceasedName}`;
}

/** What the register knows of a deceased person; D is a destination as loaded (opaque here). */
export interface Deceased<D> {
  readonly fullName: string;
  readonly dateOfDeath: IsoDate;
  /** The day the death was reported as a life event (what entitlement computes the funeral support from); none: imported dead. */
  readonly reportedOn?: IsoDate;
  readonly residences: readonly Residence[];
  /** The funeral organiser's destination, if one was named. */
  readonly organiser?: D;
}

export interface PayeeFacts<D> {
  readonly id: string;
  /** Where the person lived, in the order they began: the paying commune's residence gives the cash list its address. */
  readonly residences?: readonly Residence[];
  /** The person's own destination in force (regular). */
  readonly destination?: D;
  /** Their cash point, when their own destination is cash at the post office. */
  readonly cashPointCode?: string;
  readonly deceased?: Deceased<D>;
}

/** Paid in cash at a post-office point, to whoever comes with the papers. */
export interface CashPayee {
  readonly kind: 'cash';
  readonly holderName: string;
  readonly cashPointCode: string;
}

export type Payee<D> = { readonly kind: 'destination'; readonly destination: D } | CashPayee;

export interface PagePayees<D> {
  readonly payees: {
    readonly personId: string;
    readonly communeCode: string;
    /** The hamlet or street address in the paying commune, if the register has one. */
    readonly address?: string;
    /** A deceased person's payee: the month of death, the last month owed to the person (YYYY-MM). */
    readonly lastMonthOwed?: string;
    readonly payee: Payee<D>;
  }[];
  /** Payable persons with nothing to pay them through. */
  readonly withoutDestination: number;
  /** Payees of deceased persons who are not payable in the run (a funeral support may wait for them). */
  readonly funeral: number;
}

export interface RunContext {
  readonly month: string;
  readonly today: IsoDate;
  readonly scope: Pick<RunScope, 'provinceCode' | 'communeCodes'>;
}

/** `payable`: the persons payable in the run, with the commune that pays them. */
export function pagePayees<D>(persons: readonly PayeeFacts<D>[], payable: ReadonlyMap<string, string>, run: RunContext): PagePayees<D> {
  const payees: PagePayees<D>['payees'] = [];
  let withoutDestination = 0;
  let funeral = 0;
  const month = parseMonth(run.month);
  const firstDay = firstDayOf(month);
  for (const person of persons) {
    const payingCommune = payable.get(person.id);
    if (person.deceased) {
      const communeCode = payingCommune ?? (mayAwaitFuneralSupport(person.deceased, run) ? communeOfDeath(person.deceased, run.scope, firstDay) : undefined);
      if (!communeCode) continue;
      // Where they lived on the day that decides the month's commune if alive then, else when they died (paid arrears only).
      const decidingDay = residenceDay(person.deceased.residences, month);
      const livedOn = payingCommune && person.deceased.dateOfDeath >= decidingDay ? decidingDay : person.deceased.dateOfDeath;
      const address = addressOn(person.deceased.residences, livedOn, communeCode, firstDay);
      const lastMonthOwed = monthOf(person.deceased.dateOfDeath);
      payees.push({ personId: person.id, communeCode, ...(address && { address }), lastMonthOwed, payee: funeralPayee(person.deceased, person.cashPointCode, communeCode) });
      if (!payingCommune) funeral++;
    } else if (payingCommune) {
      if (person.destination === undefined) withoutDestination++;
      else {
        const residences = person.residences ?? [];
        const address = addressOn(residences, residenceDay(residences, month), payingCommune, firstDay);
        payees.push({ personId: person.id, communeCode: payingCommune, ...(address && { address }), payee: { kind: 'destination', destination: person.destination } });
      }
    }
  }
  return { payees, withoutDestination, funeral };
}

/** The organiser's destination; else cash at the deceased's own cash point, or at the commune's post office. */
export function funeralPayee<D>(deceased: Deceased<D>, ownCashPoint: string | undefined, communeCode: string): Payee<D> {
  if (deceased.organiser !== undefined) return { kind: 'destination', destination: deceased.organiser };
  return { kind: 'cash', holderName: funeralCashPayeeName(deceased.fullName), cashPointCode: ownCashPoint ?? communePostOfficePoint(communeCode) };
}

/** The residence on a day: the latest of those begun by then that had not ended (residences in the order they began). */
export function residenceOn<R extends Residence>(residences: readonly R[], on: IsoDate): R | undefined {
  for (let i = residences.length - 1; i >= 0; i--) {
    const r = residences[i];
    if (r.from <= on && (r.to === undefined || r.to >= on)) return r;
  }
  return undefined;
}

/**
 * The address of the residence on a day, if it lies in the commune that pays on `payingOn` (recorded under that code,
 * or under an old unit's code that went into it).
 */
export function addressOn(residences: readonly Residence[], on: IsoDate, communeCode: string, payingOn: IsoDate): string | undefined {
  const residence = residenceOn(residences, on);
  if (!residence) return undefined;
  return communesOn(residence.provinceCode, residence.communeCode, payingOn).includes(communeCode) ? residence.address : undefined;
}

/** Reported within the window, and the run is of the month of death or later (earlier runs cannot pay it). */
export function mayAwaitFuneralSupport(deceased: Pick<Deceased<unknown>, 'dateOfDeath' | 'reportedOn'>, run: Pick<RunContext, 'month' | 'today'>): boolean {
  if (!deceased.reportedOn) return false;
  if (compareMonths(parseMonth(run.month), monthOf(deceased.dateOfDeath)) < 0) return false;
  return compareMonths(monthOf(deceased.reportedOn), addMonths(monthOf(run.today), -FUNERAL_PAYEE_MONTHS)) >= 0;
}

/**
 * The commune the person lived in when they died, as it is on `payingOn` (an old unit's code: the commune it went
 * into; a unit split between several: the old code, in a run of the whole province only), if the run covers it.
 */
export function communeOfDeath(deceased: Pick<Deceased<unknown>, 'dateOfDeath' | 'residences'>, scope: RunContext['scope'], payingOn: IsoDate): string | undefined {
  const residence = residenceOn(deceased.residences, deceased.dateOfDeath);
  if (!residence?.communeCode || !isWithinProvince(residence.provinceCode, scope.provinceCode)) return undefined;
  const paying = payingCommuneOf(residence.provinceCode, residence.communeCode, payingOn);
  if (scope.communeCodes && !(paying && scope.communeCodes.includes(paying))) return undefined;
  return paying ?? residence.communeCode;
}
