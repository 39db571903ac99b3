import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { DecisionTokenInterceptor, type AuthUser, type SpentTokens } from '@benefits/platform';
import { defer, lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { seedBook } from '../domain/test-factory';
import { EntitlementErrorFilter } from '../common/error.filter';
import type { RateBookStore } from './rate-book.store';
import type { VersionRecord } from './rate-table.mapping';
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
