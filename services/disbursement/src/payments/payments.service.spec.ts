import { readable } from './payments.service';

describe('readable: whose payments a user sees (names, addresses, masked accounts)', () => {
  const payment = { programme: 'social_assistance', communeCode: '30316' } as const;
  it.each<[string, { roles: string[]; programmes: string[]; communeCodes?: string[] }, boolean]>([
    ['an operator of the programme, no commune limit', { roles: ['operator'], programmes: ['social_assistance'] }, true],
    ['an operator of another programme', { roles: ['operator'], programmes: ['meritorious'] }, false],
    ['a commune operator of this commune', { roles: ['operator'], programmes: ['social_assistance'], communeCodes: ['30316'] }, true],
    ['a commune operator of another commune', { roles: ['operator'], programmes: ['social_assistance'], communeCodes: ['30301'] }, false],
    ['an approver limited to another commune', { roles: ['approver'], programmes: [], communeCodes: ['30301'] }, false],
  ])('%s: %s', (_case, user, sees) => {
    expect(readable(user as Parameters<typeof readable>[0], payment)).toBe(sees);
  });
});
