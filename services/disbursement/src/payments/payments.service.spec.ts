import type { DataSource } from 'typeorm';
import type { AuthUser } from '@benefits/platform';
import { PaymentEntity } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsService, readable } from './payments.service';
import type { ResendService } from './resend.service';

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

describe('GET /payments/:paymentId of a payment whose money was paid again (the answer to "where is my money")', () => {
  const returned = { paymentId: 'P1', programme: 'social_assistance', communeCode: '30316', status: 'returned', reasonCode: 'AC04', month: '2026-11' } as PaymentEntity;
  const user = { id: 'u1', roles: ['operator'], programmes: ['social_assistance'], provinceCode: '89' } as unknown as AuthUser;

  /** A database holding P1, returned by the bank, and R1, its re-send, settled. */
  function controller(repayments: Record<string, unknown>[]): PaymentsController {
    const dataSource = {
      getRepository: (entity: unknown) => ({
        findOneBy: async () => (entity === PaymentEntity ? returned : null),
        find: async () => [],
      }),
      manager: { query: async () => repayments },
    } as unknown as DataSource;
    return new PaymentsController(new PaymentsService(dataSource), {} as ResendService);
  }

  it('names the re-send that pays it, with its status: returned is not the end of the story', async () => {
    const view = await controller([{ paymentId: 'R1', source: 'resend', status: 'settled', outcomeOn: '2026-12-03' }]).get(user, 'P1');
    expect(view).toMatchObject({ status: 'returned', paidAgainBy: [{ paymentId: 'R1', how: 'resend', status: 'settled', outcomeOn: '2026-12-03' }] });
  });

  it('is empty for a payment nothing paid again (yet)', async () => {
    expect((await controller([]).get(user, 'P1')).paidAgainBy).toEqual([]);
  });
});
