import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidTokenError, TokenVerifier, type Role } from '@benefits/platform';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { JobDispatcher } from '../execution/job-dispatcher';

export const DASHBOARD_PATH = '/queues';
const ALLOWED: readonly Role[] = ['admin', 'operator'];
/** Retrying, removing, adding, promoting or cleaning jobs, pausing a queue: every queue serves every programme and commune. */
const MAY_CHANGE_JOBS: readonly Role[] = ['admin'];
const READS = new Set(['GET', 'HEAD']);

/**
 * The BullMQ dashboard (bull-board) at /queues: every queue of the service, read by operators and admins; jobs are
 * changed (retried, removed, added, promoted, cleaned; a queue paused) by an admin only. The queues are the whole
 * province's: an operator of one programme or one commune removing a batch job, or adding one, would act on every
 * other's runs (the recovery sweep already tries again a batch job that failed on every attempt). It is plain
 * Express, outside Nest's guards, so it checks the token itself: the bearer header, or (for a browser, whose page
 * loads scripts without headers) the `queues_token` cookie.
 */
@Module({})
export class DashboardModule implements NestModule {
  constructor(
    private readonly jobs: JobDispatcher,
    private readonly verifier: TokenVerifier,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({ queues: this.jobs.queues().map((queue) => new BullMQAdapter(queue)), serverAdapter });
    consumer.apply(dashboardAuth(this.verifier, this.config.PROVINCE_CODE), serverAdapter.getRouter()).forRoutes('queues', 'queues/*path');
  }
}

/** The dashboard's page loads its scripts without headers: a browser may carry the token in this cookie instead. */
export const DASHBOARD_COOKIE = 'queues_token';

function tokenOf(req: Request): string | undefined {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && token) return token;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${DASHBOARD_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(DASHBOARD_COOKIE.length + 1)) : undefined;
}

export function dashboardAuth(verifier: TokenVerifier, provinceCode: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = tokenOf(req);
    if (!token) {
      res.status(401).json({ code: 'MISSING_TOKEN', message: 'A bearer token is required' });
      return;
    }
    try {
      const user = await verifier.verify(token);
      if (user.provinceCode !== provinceCode) {
        res.status(403).json({ code: 'WRONG_PROVINCE', message: `This installation serves province ${provinceCode}` });
      } else if (!user.roles.some((role) => ALLOWED.includes(role))) {
        res.status(403).json({ code: 'ROLE_REQUIRED', message: `One of these roles is required: ${ALLOWED.join(', ')}` });
      } else if (!READS.has(req.method) && !user.roles.some((role) => MAY_CHANGE_JOBS.includes(role))) {
        res.status(403).json({ code: 'ROLE_REQUIRED', message: `Changing jobs or queues from the dashboard needs one of these roles: ${MAY_CHANGE_JOBS.join(', ')}` });
      } else {
        // Known to the audit trail: a retry from the dashboard is a change like any other.
        (req as Request & { user?: unknown }).user = user;
        next();
      }
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      res.status(401).json({ code: error.code, message: error.message });
    }
  };
}
