import type { EvidenceLine } from './classify';

/** A reversal (camt RvslInd) and the entry of the payment it undoes. */
export interface ReversedEntry {
  readonly original: EvidenceLine;
  readonly reversal: EvidenceLine;
}

export interface NettedLines {
  /** The payment's lines once each reversal and the entry it undoes are taken out: what the money did. */
  readonly standing: EvidenceLine[];
  readonly reversed: ReversedEntry[];
  /** Reversals of an entry that is on no statement of the payment (another amount, or not matched to it). */
  readonly unpaired: EvidenceLine[];
}

const UNDOES: Partial<Record<EvidenceLine['kind'], EvidenceLine['kind']>> = { debit_reversal: 'debit', credit_reversal: 'credit' };

/**
 * The one place a reversal is weighed: it cancels an entry of the payment it undoes (a debit given back, a return
 * taken back) of the same amount, booked no later than itself, the latest such first. It is never money of its own:
 * a debit reversed was not paid, a return reversed did not come back. One that finds no such entry cancels nothing
 * (its payment's reversal exception): read as a fresh credit it would make a paid payment look returned.
 */
export function netReversals(lines: readonly EvidenceLine[]): NettedLines {
  const standing = [...lines];
  const reversed: ReversedEntry[] = [];
  const unpaired: EvidenceLine[] = [];
  for (const reversal of lines) {
    const undoes = UNDOES[reversal.kind];
    if (undoes === undefined) continue;
    standing.splice(standing.indexOf(reversal), 1);
    const candidates = standing.filter(
      (l) => l.kind === undoes && l.amount !== null && l.amount === reversal.amount && (l.bookingDate === null || reversal.bookingDate === null || l.bookingDate <= reversal.bookingDate),
    );
    const original = candidates[candidates.length - 1];
    if (original === undefined) {
      unpaired.push(reversal);
      continue;
    }
    standing.splice(standing.indexOf(original), 1);
    reversed.push({ original, reversal });
  }
  return { standing, reversed, unpaired };
}
