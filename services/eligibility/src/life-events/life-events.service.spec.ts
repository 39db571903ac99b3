import type { Outbox } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import type { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import type { RegisterCipher, TransportCipher } from '../shared/pii';
import { LifeEventsService } from './life-events.service';

const PERSON = '6f1c2a52-0d4e-4a59-9a0e-3f2b7c1d8e01';
const HOUSEHOLD = '0b6d2f8e-5c1a-4e3b-8f7d-2a9c4e6b1d03';

/** A commune People's Committee operator of the social pension. */
const operatorOf = (...communeCodes: string[]): AuthUser => ({ id: 'op', name: 'op', roles: ['operator'], programmes: ['social_pension'], provinceCode: '91', communeCodes });

/**
 * The register as the service sees it: one person living in `livesIn`, in a household of `householdOf` (null: a
 * household made for the person alone). Returns the service and the poverty rows it writes.
 */
function registerWith(livesIn: string, householdOf: string | null) {
  const povertyWritten: unknown[][] = [];
  const tx = {
    query: async (sql: string, params: unknown[]) => {
      if (sql.includes('FROM eligibility.person WHERE id = $1 FOR UPDATE')) {
        return [{ id: PERSON, full_name: 'Nguyễn Văn An', household_id: HOUSEHOLD, date_of_birth: '1953-03-10', date_of_death: null }];
      }
      if (sql.includes('FROM eligibility.decision WHERE person_id = $1')) return [{ id: 'd1', programme: 'social_pension', attributes: {} }];
      if (sql.includes('p.id = ANY($1::uuid[])')) return [{ key: PERSON, province_code: '91', commune_code: livesIn, valid_from: '1990-01-01', valid_to: null }];
      if (sql.includes('FROM eligibility.household WHERE id = $1')) return [{ commune_code: householdOf }];
      if (sql.includes('INSERT INTO eligibility.household_poverty')) {
        povertyWritten.push(params);
        return [{ household_id: params[0] }];
      }
      if (sql.includes('INSERT INTO eligibility.life_event')) return [];
      throw new Error(`unexpected query ${sql}`);
    },
  };
  const dataSource = { transaction: (work: (t: unknown) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  const outbox = { add: async () => undefined } as unknown as Outbox;
  const service = new LifeEventsService(dataSource, { PROVINCE_CODE: '91' } as EligibilityConfig, outbox, {} as RegisterCipher, {} as TransportCipher);
  return { service, povertyWritten };
}

const notPoor = { kind: 'poverty_status_changed', effectiveOn: '2026-11-01', year: 2026, povertyStatus: 'none' };

async function record(service: LifeEventsService, user: AuthUser): Promise<string> {
  try {
    await service.record(PERSON, notPoor as never, { source: 'api', recordedBy: user.id, correlationId: 'c1', user });
    return 'recorded';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('LifeEventsService: a change of poverty status is the household\'s, on its commune\'s list', () => {
  it('refuses the commune a member moved to: the household of another commune, and its other members, are not theirs', async () => {
    // The member moved to phường Long Xuyên (30307); the household is on the list of phường Rạch Giá (30742).
    const { service, povertyWritten } = registerWith('30307', '30742');
    expect(await record(service, operatorOf('30307'))).toBe('COMMUNE_NOT_ALLOWED');
    expect(povertyWritten).toEqual([]);
  });

  it('records it for the commune whose list the household is on', async () => {
    const { service, povertyWritten } = registerWith('30742', '30742');
    expect(await record(service, operatorOf('30742'))).toBe('recorded');
    expect(povertyWritten).toEqual([[HOUSEHOLD, 2026, 'none']]);
  });

  it('holds a household kept under a merged unit\'s old code by the commune it went into, and one made for the person alone by theirs', async () => {
    // Xã Vĩnh Hội Đông (30370) went into xã An Phú (30337) on 2025-07-01.
    expect(await record(registerWith('30337', '30370').service, operatorOf('30337'))).toBe('recorded');
    expect(await record(registerWith('30742', null).service, operatorOf('30742'))).toBe('recorded');
  });
});
