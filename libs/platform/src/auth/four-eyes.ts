/** Money never moves on one person's word: whoever asked for something may not approve it. */
export class FourEyesError extends Error {
  readonly code = 'FOUR_EYES';
  constructor(what = 'this request') {
    super(`The person who made ${what} cannot approve it: a second person must`);
  }
}

export function assertFourEyes(requestedBy: string, actor: string, what?: string): void {
  if (sameUser(requestedBy, actor)) throw new FourEyesError(what);
}

/**
 * One user id however it is written: Unicode forms (NFKC: a composed or decomposed "ầ", full-width letters), invisible
 * format characters (zero-width space, joiner, BOM) and runs of spacing anywhere in it are not another person.
 */
function canonicalUser(id: string): string {
  return id.normalize('NFKC').replace(/\p{Cf}/gu, '').replace(/\s+/gu, ' ').trim().toLowerCase();
}

function sameUser(a: string, b: string): boolean {
  return canonicalUser(a) === canonicalUser(b);
}
