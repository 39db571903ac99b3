import { Controller, Get, Inject, Injectable, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from './auth/decorators';
import { Kafka, logLevel } from 'kafkajs';

/** How long a dependency may take to answer a readiness probe before it counts as down. */
const PROBE_TIMEOUT_MS = 2500;

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
export interface HealthOptions {
  kafkaBrokers: string[];
  redisUrl?: string;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Probes Kafka with a dedicated admin client that does not retry: a probe must answer quickly, and the
 * service's own producers and consumers keep their own, patient, retry policies.
 */
@Injectable()
export class DependencyProbes {
  private readonly kafka: Kafka;
  private redis?: Redis;

  constructor(@Inject(HEALTH_OPTIONS) private readonly options: HealthOptions, private readonly indicators: HealthIndicatorService) {
    this.kafka = new Kafka({
      clientId: 'health-probe',
      brokers: options.kafkaBrokers,
      connectionTimeout: 1000,
      requestTimeout: 2000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
  }

  async kafkaUp() {
    const indicator = this.indicators.check('kafka');
    const admin = this.kafka.admin();
    try {
      await withTimeout(admin.connect(), 'Kafka');
      const cluster = await withTimeout(admin.describeCluster(), 'Kafka');
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  get usesRedis(): boolean {
    return this.options.redisUrl !== undefined;
  }

  async redisUp() {
    const indicator = this.indicators.check('redis');
    this.redis ??= new Redis(this.options.redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 });
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await withTimeout(this.redis.connect(), 'Redis');
      await withTimeout(this.redis.ping(), 'Redis');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy() {
    this.redis?.disconnect();
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly probes: DependencyProbes,
  ) {}

  /** Liveness: the process answers. Restart it only if this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL, Kafka (and Redis where used) answer. 503 with the failing dependency otherwise. */
  @Get()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: PROBE_TIMEOUT_MS }),
      () => this.probes.kafkaUp(),
      ...(this.probes.usesRedis ? [() => this.probes.redisUp()] : []),
    ]);
  }

  @Get('ready')
  @HealthCheck()
  readyAlias() {
    return this.ready();
  }
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    const providers: Provider[] = [{ provide: HEALTH_OPTIONS, useValue: options }, DependencyProbes];
    return { module: HealthModule, imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers };
  }
}
