import { Injectable, Logger, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor, type NestMiddleware } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../auth/user';
import { auditedRequest } from './audit-chain';
import { AuditTrail, type AuditRecord } from './audit-trail';

export const AUDIT_READ = 'audit:read';

/**
 * This endpoint returns personal data (names, ID or account numbers, even masked, amounts paid to a person):
 * every call is recorded in the audit trail as a read of `resourceType`.
 */
export const AuditRead = (resourceType: string) => SetMetadata(AUDIT_READ, resourceType);

/** The facts of a finished HTTP request the trail needs (from Express, or built by a test). */
export interface HttpFacts {
  method: string;
  /** The route pattern matched (`/runs/:id/approve`); none when no route matched. */
  route?: string;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** Whether the request carried a token, valid or not (a bearer header, or a user already verified from a cookie). */
  tokenPresented: boolean;
  user?: Pick<AuthUser, 'id' | 'roles'>;
  /** Set by @AuditRead on the endpoint that answered. */
  readOf?: string;
  correlationId?: string;
  status: number;
}

const REFUSALS = [401, 403, 429];
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * What a finished request leaves in the trail: every change (any method but GET) with its outcome, every call of an
 * @AuditRead endpoint, and every refusal (401, 403, 429). One entry per request, never one per row it touched.
 * A request without a token is not recorded: there is nobody to hold to account, and a flood of them must not
 * flood the trail (the request log keeps them).
 */
export function httpAuditRecord(facts: HttpFacts): AuditRecord | undefined {
  if (!facts.route || !facts.tokenPresented) return undefined;
  const refused = REFUSALS.includes(facts.status);
  const readOnly = READ_METHODS.includes(facts.method);
  if (readOnly && !facts.readOf && !refused) return undefined;
  const paramValues = Object.values(facts.params);
  return {
    actor: facts.user ? { id: facts.user.id, roles: facts.user.roles } : null,
    kind: refused ? 'refusal' : facts.readOf || readOnly ? 'read' : 'change',
    action: `${facts.method} ${facts.route}`,
    resourceType: facts.readOf ?? facts.route.split('/').filter(Boolean)[0] ?? null,
    // The most specific reference of the path: /runs/:runId/persons/:personRef is about the person.
    resourceId: paramValues.length ? paramValues[paramValues.length - 1] : null,
    request: auditedRequest({ query: facts.query, body: readOnly ? undefined : facts.body }),
    correlationId: facts.correlationId ?? null,
    outcome: facts.status,
  };
}

type TrailRequest = Request & { id?: unknown; user?: AuthUser; [AUDIT_READ]?: string };

/** Copies the @AuditRead of the endpoint that answers onto its request, for AuditMiddleware. */
@Injectable()
export class AuditReadInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const readOf = this.reflector.getAllAndOverride<string | undefined>(AUDIT_READ, [context.getHandler(), context.getClass()]);
      if (readOf) context.switchToHttp().getRequest<TrailRequest>()[AUDIT_READ] = readOf;
    }
    return next.handle();
  }
}

/**
 * Records each request once it is answered, with the status actually sent: this sees the refusals of the guards,
 * the pipes and the rate limits too, which an interceptor would not. The entry is written as the response
 * completes; a failure to write is logged as an error, never hidden.
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  private readonly logger = new Logger('AuditTrail');

  constructor(private readonly trail: AuditTrail) {}

  use(req: TrailRequest, res: Response, next: NextFunction): void {
    res.once('close', () => {
      const record = httpAuditRecord({
        method: req.method,
        route: req.route?.path ? `${req.baseUrl}${req.route.path as string}` : undefined,
        params: (req.params ?? {}) as Record<string, string>,
        query: req.query,
        body: req.body,
        tokenPresented: Boolean(req.user) || /^Bearer \S/.test(req.headers.authorization ?? ''),
        user: req.user,
        readOf: req[AUDIT_READ],
        correlationId: typeof req.id === 'string' ? req.id : undefined,
        // The client went away before an answer: what happened is not known to it (499, as nginx says).
        status: res.headersSent ? res.statusCode : 499,
      });
      if (!record) return;
      this.trail.record(record).catch((error: unknown) => {
        this.logger.error({ err: error, action: record.action, actor: record.actor?.id, outcome: record.outcome }, 'An audit entry could not be written');
      });
    });
    next();
  }
}
