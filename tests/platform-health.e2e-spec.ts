import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { REPO_ROOT, startService, startThrowawayBroker, waitFor, type RunningService, type ThrowawayBroker } from '@benefits/testing';

// The parts of a terminus health report the tests read.
interface HealthReport {
  info: Record<string, { status: string }>;
  error: Record<string, { status: string }>;
}

/**
 * Each service, started as a real process against the real PostgreSQL, Kafka and Redis, reports itself ready,
 * serves its metrics and API docs, and carries the caller's correlation id into its logs.
 */
describe.each(['eligibility', 'entitlement', 'disbursement'])('the %s service', (name) => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(name);
  });
  afterAll(() => service?.stop());

  it('is ready when PostgreSQL, Kafka (and Redis) answer', async () => {
    const response = await fetch(`${service.url}/health`);
    const body = (await response.json()) as HealthReport;
    expect(response.status).toBe(200);
    expect(body.info.postgres.status).toBe('up');
    expect(body.info.kafka.status).toBe('up');
    if (name === 'disbursement') expect(body.info.redis.status).toBe('up');
  });

  it('serves Prometheus metrics, including its HTTP requests', async () => {
    await fetch(`${service.url}/health/live`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\}/);
  });

  it('documents its API as OpenAPI', async () => {
    const doc = (await (await fetch(`${service.url}/docs/openapi.json`)).json()) as { info: { title: string }; paths: object };
    expect(doc.info.title).toBe(`${name} service`);
    expect(Object.keys(doc.paths)).toContain('/health');
  });

  it('logs structured lines that carry the correlation id it was given, and returns it', async () => {
    const response = await fetch(`${service.url}/no-such-route`, { headers: { 'x-correlation-id': `corr-${name}-1` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-correlation-id')).toBe(`corr-${name}-1`);
    const line = await waitFor(async () =>
      service.output.map((l) => JSON.parse(l)).find((entry) => entry.correlationId === `corr-${name}-1`),
    );
    expect(line).toMatchObject({ service: name, req: { method: 'GET', url: '/no-such-route' }, res: { statusCode: 404 } });
  });
});

describe('the disbursement service metrics', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService('disbursement');
  });
  afterAll(() => service?.stop());

  it('include what its operators watch, read from the database: batches by status, batches saying what is wrong, unresolved exceptions', async () => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain('# TYPE disbursement_partner_batches gauge');
    expect(text).toMatch(/^disbursement_partner_batches_with_error \d+$/m);
    expect(text).toContain('# TYPE disbursement_reconciliation_exceptions_unresolved gauge');
  });
});

describe('readiness when Kafka is stopped', () => {
  // A broker of its own, so stopping it does not disturb the other tests, and a database of its own: on the shared
  // one its outbox relay would take other tests' events and try to publish them to this broker.
  let broker: ThrowawayBroker;
  let service: RunningService;
  const database = `entitlement_health_${randomUUID().slice(0, 8)}`;
  const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${database}`;

  beforeAll(async () => {
    broker = await startThrowawayBroker();
    execFileSync(process.execPath, ['-r', join(REPO_ROOT, 'infra/paths.js'), join(REPO_ROOT, 'dist/services/entitlement/src/migrate.js')], {
      env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn' },
    });
    service = await startService('entitlement', { DATABASE_URL, KAFKA_BROKERS: broker.brokers.join(',') });
  });
  afterAll(async () => {
    await service?.stop();
    await broker?.stop();
    const postgres = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await postgres.end();
  });

  it('reports the service unhealthy, naming Kafka, while liveness stays up', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    await broker.stop();
    const response = await fetch(`${service.url}/health`);
    const body = (await response.json()) as HealthReport;
    expect(response.status).toBe(503);
    expect(body.error.kafka.status).toBe('down');
    expect(body.info.postgres.status).toBe('up');
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
  });
});
