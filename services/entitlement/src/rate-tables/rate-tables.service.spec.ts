import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { DecisionTokenInterceptor, type AuthUser, type SpentTokens } from '@benefits/platform';
import { defer, lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { seedBook } from '../domain/test-factory';
import { EntitlementErrorFilter } from '../common/error.filter';
import type { RateBookStore } from './rate-book.store';
import { toTableVersion, type VersionRecord } from './rate-table.mapping';
import type { RateTableRepository } from './rate-table.repository';
import { RateTablesService } from './rate-tables.service';

/**
 * An approval refused because the version no longer fits the book (422 INVALID_TABLE_VERSION: a rate of 0, a version
 * of its months approved since ...) decides nothing: the approver's one-time token must stay usable, e.g. to reject
 * the stale version right after (docs/security.md, "One token, one decision").
 */
describe('RateTablesService.approve refused against the book', () => {
  const zeroLevel: VersionRecord = {
    id: 'standard_level:social_assistance:2027-07:abcd1234',
    table_name: 'standard_level',
    scope: 'social_assistance',
    effective_from: '2027-07',
    effective_to: null,
    instrument: 'Decree (test)',
    confidence: 'test',
    standard_level: null,
    rows: [{ key: 'social_assistance', amount: '0' }],
    proposed_by: 'an.nguyen',
    proposed_at: new Date('2027-06-01T00:00:00Z'),
    decision: null,
    decided_by: null,
    decided_at: null,
    reason: null,
  };
  const approver: AuthUser = { id: 'lan.tran', name: 'lan.tran', roles: ['approver'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91' };

  function service() {
    const dataSource = { transaction: async (work: (tx: unknown) => Promise<unknown>) => work({}) } as unknown as DataSource;
    const repository = { lockBook: async () => undefined, find: async () => zeroLevel } as unknown as RateTableRepository;
    const store = { refresh: async () => seedBook() } as unknown as RateBookStore;
    return new RateTablesService(dataSource, repository, store);
  }

  it('is answered 422 INVALID_TABLE_VERSION with its issues', async () => {
    const error = await service().approve(zeroLevel.id, approver).then(
      () => undefined,
      (e: unknown) => e,
    );
    let sent: { status?: number; body?: unknown } = {};
    const response = { status: (status: number) => ((sent = { ...sent, status }), response), json: (body: unknown) => ((sent = { ...sent, body }), response) };
    new EntitlementErrorFilter().catch(error as never, { switchToHttp: () => ({ getResponse: () => response }) } as never);
    expect(sent).toMatchObject({ status: 422, body: { code: 'INVALID_TABLE_VERSION', issues: [expect.objectContaining({ code: 'INVALID_AMOUNT' })] } });
  });

  it('does not spend the approver\'s one-time token', async () => {
    const spent = new Set<string>();
    const tokens = {
      spend: async ({ jti }: { jti: string }) => !spent.has(jti) && Boolean(spent.add(jti)),
      release: async (jti: string) => void spent.delete(jti),
    } as unknown as SpentTokens;
    const interceptor = new DecisionTokenInterceptor({ get: () => 'rate-table.approve' } as unknown as Reflector, tokens);
    const user = { ...approver, tokenId: 'jti-1', tokenExpiresAt: new Date(Date.now() + 60_000) };
    const context = { getHandler: () => undefined, switchToHttp: () => ({ getRequest: () => ({ user }) }) } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => defer(() => service().approve(zeroLevel.id, approver)) };
    await expect(lastValueFrom(await interceptor.intercept(context, next))).rejects.toMatchObject({ code: 'INVALID_TABLE_VERSION' });
    expect(spent.has('jti-1')).toBe(false);
  });
});

/**
 * The version entered last answers for its months, and "entered" is the approval's time. Approvals take their turn on a
 * lock, but each replica reads its own clock: one a minute behind the replica that approved the version before would
 * enter the correction approved after it as the older of the two, and the typo it corrects would go on answering.
 */
describe('RateTablesService.approve enters a version after every version already in the book', () => {
  it('whatever the clock of the replica that approves it', async () => {
    const correction: VersionRecord = {
      id: 'standard_level:social_assistance:2027-07:fix00001',
      table_name: 'standard_level',
      scope: 'social_assistance',
      effective_from: '2027-07',
      effective_to: null,
      instrument: 'Decree (test), corrected',
      confidence: 'test',
      standard_level: null,
      rows: [{ key: 'social_assistance', amount: '560000' }],
      proposed_by: 'an.nguyen',
      proposed_at: new Date(Date.now() - 3_600_000),
      decision: null,
      decided_by: null,
      decided_at: null,
      reason: null,
    };
    // The typo, approved a moment ago on a replica whose clock runs two minutes ahead of this one.
    const ahead = new Date(Date.now() + 120_000).toISOString();
    const book = seedBook().withVersion({
      id: 'standard_level:social_assistance:2027-07:typo0001', table: 'standard_level', scope: 'social_assistance', effectiveFrom: '2027-07',
      enteredAt: new Date(Date.now() - 7_200_000).toISOString(), instrument: 'Decree (test)', confidence: 'test', rows: [{ key: 'social_assistance', amount: 5_600_000n }],
    }).withVersion({
      id: 'province_topup:91:2027-07:t', table: 'province_topup', scope: '91', effectiveFrom: '2027-07', enteredAt: ahead, instrument: 'Resolution (test)', confidence: 'test', rows: [],
    });
    const decided: string[] = [];
    const dataSource = { transaction: async (work: (tx: unknown) => Promise<unknown>) => work({ query: async () => [] }) } as unknown as DataSource;
    const repository = {
      lockBook: async () => undefined,
      find: async () => correction,
      decide: async (_tx: unknown, _id: string, _decision: string, _by: string, at: string) => void decided.push(at),
    } as unknown as RateTableRepository;
    const store = { refresh: async () => book } as unknown as RateBookStore;
    const approver: AuthUser = { id: 'lan.tran', name: 'lan.tran', roles: ['approver'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91' };
    const service = new RateTablesService(dataSource, repository, store);
    jest.spyOn(service, 'get').mockResolvedValue({} as never);

    await service.approve(correction.id, approver);

    expect(decided).toHaveLength(1);
    expect(Date.parse(decided[0])).toBeGreaterThan(Date.parse(ahead));
    const entered = book.withVersion({ ...toTableVersion(correction, decided[0]) });
    expect(entered.levelFor('social_assistance', '2027-07').amount).toBe(560_000n);
  });
});
