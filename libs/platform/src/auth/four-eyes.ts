/** Money never moves on one person's word: whoever asked for something may not approve it. */
export class FourEyesError extends Error {
  readonly code = 'FOUR_EYES';
  constructor(what = 'this request') {
    super(`The person who made ${what} cannot approve it: a second person must`);
  }
}

export function assertFourEyes(requestedBy: string, actor: string, what?: string): void {
  if (requestedBy.trim().toLowerCase() === actor.trim().toLowerCase()) throw new FourEyesError(what);
}
