import type { AuthUser } from '@benefits/platform';
import { NotFoundError } from '../common/errors';
import type { RunViewRepository } from './run-view.repository';
import { RunsQuery } from './runs.query';

const RUN = '5b0c3f4e-0000-4000-8000-000000000001';
/** Paid by commune 30307 (Long Xuyên), and by 30316. */
const OF_30307 = '5b0c3f4e-0000-4000-8000-00000000a307';
const OF_30316 = '5b0c3f4e-0000-4000-8000-00000000a316';
const COMMUNE_OF: Record<string, string> = { [OF_30307]: '30307', [OF_30316]: '30316' };

type Scope = { programmes: readonly string[]; communes?: readonly string[] | null };
const inScope = (scope: Scope, personRef: string, programme: string) =>
  scope.programmes.includes(programme) && (scope.communes == null || scope.communes.includes(COMMUNE_OF[personRef]));

/**
 * The repository as its SQL behaves (run-view.repository.ts; the SQL itself: test/runs.int-spec.ts): one unpriced
 * social assistance exception and one recovery per person, a line for each.
 */
function repository(): RunViewRepository {
  const persons = [OF_30307, OF_30316];
  const exception = (personRef: string) => ({ person_ref: personRef, programme: 'social_assistance', month: '2026-11', kind: 'UNPRICED', code: 'NO_RATE_TABLE', message: 'no rate' });
  const fake = {
    run: async () => ({ run_id: RUN, month: '2026-11', status: 'COMPLETED', halted_reason: null, declared: null, received: null, next_chunk_no: 1, book_watermark: null }),
    programmeTotals: async () => [],
    exceptionCounts: async () => [],
    arrearsTotals: async () => ({ count: 0, total: '0' }),
    recoveryTotals: async () => ({ count: 0, total: '0' }),
    exceptions: async (_run: string, _limit: number, of: Scope & { personRef?: string }) =>
      persons.filter((p) => (!of.personRef || p === of.personRef) && inScope(of, p, 'social_assistance')).map(exception),
    personProgrammes: async (personRef: string, scope: Scope) => scope.programmes.filter((programme) => inScope(scope, personRef, programme)),
    personLines: async (_run: string, personRef: string, programmes: readonly string[]) =>
      programmes.includes('social_assistance')
        ? [{ programme: 'social_assistance', month: '2026-11', amount: '540000', arrears_amount: '0', one_off_amount: '0', total: '540000', components: [], explanation: [], inputs: [] }]
        : [],
    personArrears: async () => [],
    personOneOffs: async () => [],
    recoveries: async (filter: Scope & { personRef?: string }) =>
      persons
        .filter((p) => (!filter.personRef || p === filter.personRef) && inScope(filter, p, 'social_assistance'))
        .map((p, i) => ({ id: String(i + 1), person_ref: p, programme: 'social_assistance', month: '2026-10', recipient_ref: p, owed: '0', paid: '540000', amount: '540000', reason: 'DEATH', explanation: [], source: 'death', source_id: 'e', created_at: new Date(0) })),
  };
  return fake as unknown as RunViewRepository;
}

const user = (over: Partial<AuthUser>): AuthUser => ({ id: 'u', name: 'u', roles: ['operator'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91', ...over });
const province = user({});
const commune30307 = user({ communeCodes: ['30307'] });
const auditorOf30307 = user({ roles: ['auditor'], programmes: [], communeCodes: ['30307'] });

describe('what a token limited to communes reads of runs and recoveries (docs/security.md)', () => {
  const query = new RunsQuery(repository());

  it("lists, of a run's persons left unpaid, only those its communes paid; a province token all of them", async () => {
    expect((await query.summary(province, RUN)).exceptions.map((e) => e.personRef)).toEqual([OF_30307, OF_30316]);
    expect((await query.summary(commune30307, RUN)).exceptions.map((e) => e.personRef)).toEqual([OF_30307]);
    expect((await query.summary(auditorOf30307, RUN)).exceptions.map((e) => e.personRef)).toEqual([OF_30307]);
  });

  it("answers 404 for a person of another commune, as for one of another programme or not in the run", async () => {
    await expect(query.person(commune30307, RUN, OF_30307)).resolves.toMatchObject({ personRef: OF_30307, lines: [{ programme: 'social_assistance' }] });
    await expect(query.person(commune30307, RUN, OF_30316)).rejects.toBeInstanceOf(NotFoundError);
    await expect(query.person(province, RUN, OF_30316)).resolves.toMatchObject({ personRef: OF_30316 });
    await expect(query.person(user({ programmes: ['meritorious'] }), RUN, OF_30307)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the recoveries of its communes only, asked for a person or not', async () => {
    expect((await query.recoveries(commune30307, {})).items.map((r) => r.personRef)).toEqual([OF_30307]);
    expect((await query.recoveries(commune30307, { personRef: OF_30316 })).items).toEqual([]);
    expect((await query.recoveries(province, {})).items.map((r) => r.personRef)).toEqual([OF_30307, OF_30316]);
  });

  it('reads a commune under its predecessors\' codes too (records made before 2025-07-01)', async () => {
    const spy = repository();
    const recoveries = jest.spyOn(spy, 'recoveries');
    await new RunsQuery(spy).recoveries(commune30307, {});
    expect([...(recoveries.mock.calls[0][0].communes ?? [])].sort()).toEqual(['30280', '30283', '30286', '30295', '30298', '30307']);
  });
});
