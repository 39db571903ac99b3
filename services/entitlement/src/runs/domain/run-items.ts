import type { ControlTotals, EntitlementItem as OutputItem } from '@benefits/contracts';
import { sum, type Dong } from '@benefits/money';
import type { ArrearsLine, Month, Programme } from '../../domain';
import type { PricedCluster, ProgrammeAmount } from './price-person';

/** A one-off payment due to a person (funeral support), paid with the person's next run item. */
export interface OneOffDue {
  readonly id: string;
  readonly personRef: string;
  readonly programme: Programme;
  readonly kind: string;
  readonly amount: Dong;
  readonly text: string;
}

/** What one person is paid for one programme in a run, and the item sent to disbursement. */
export interface OutputLine {
  readonly personRef: string;
  readonly programme: Programme;
  readonly cluster?: PricedCluster;
  readonly amount: Dong;
  readonly arrearsAmount: Dong;
  readonly oneOffAmount: Dong;
  readonly total: Dong;
  readonly arrears: readonly ArrearsLine[];
  readonly oneOffs: readonly OneOffDue[];
  readonly item: OutputItem;
}

/**
 * One line per programme the person is paid anything for: the month's components, the arrears of past months
 * (each with its month and reason) and one-offs (as components of their own kind). The item's amount is the sum
 * of its components and its arrears. An item with arrears only carries one zero component saying so.
 */
export function outputLines(
  personRef: string,
  runMonth: Month,
  current: readonly ProgrammeAmount[],
  arrears: readonly ArrearsLine[],
  oneOffs: readonly OneOffDue[],
): OutputLine[] {
  const programmes = new Set<Programme>([...current.map((c) => c.programme), ...arrears.map((a) => a.programme), ...oneOffs.map((o) => o.programme)]);
  const lines: OutputLine[] = [];
  for (const programme of programmes) {
    const own = current.find((c) => c.programme === programme);
    const myArrears = arrears.filter((a) => a.programme === programme).sort((a, b) => a.month.localeCompare(b.month));
    const myOneOffs = oneOffs.filter((o) => o.programme === programme);
    const amount = own?.amount ?? 0n;
    const arrearsAmount = sum(myArrears.map((a) => a.difference));
    const oneOffAmount = sum(myOneOffs.map((o) => o.amount));
    const total = amount + arrearsAmount + oneOffAmount;
    if (total === 0n) continue;
    const components = [
      ...(own?.components ?? []).map((c) => ({ programme, groupCode: c.groupCode, kind: c.kind, amount: c.amount.toString(), text: c.text })),
      ...myOneOffs.map((o) => ({ programme, groupCode: o.kind.toUpperCase(), kind: o.kind, amount: o.amount.toString(), text: o.text })),
    ];
    if (components.length === 0) {
      const text = `nothing is owed for ${runMonth} under ${programme}: arrears for earlier months only`;
      components.push({ programme, groupCode: 'ARREARS', kind: 'arrears_only', amount: '0', text });
    }
    const item: OutputItem = {
      personRef,
      programme,
      components,
      arrears: myArrears.map((a) => ({ month: a.month, amount: a.difference.toString(), reason: a.reason })),
      amount: total.toString(),
    };
    lines.push({ personRef, programme, ...(own && { cluster: own.cluster }), amount, arrearsAmount, oneOffAmount, total, arrears: myArrears, oneOffs: myOneOffs, item });
  }
  return lines;
}

/** Count and total per programme of the items sent: the run's control totals. */
export function controlTotals(rows: readonly { programme: Programme; count: number; total: Dong }[]): ControlTotals {
  const totals: ControlTotals = {};
  for (const row of rows) {
    const known = totals[row.programme];
    const count = (known?.count ?? 0) + row.count;
    const total = BigInt(known?.total ?? '0') + row.total;
    totals[row.programme] = { count, total: total.toString() };
  }
  return totals;
}
