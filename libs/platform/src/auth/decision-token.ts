import {
  applyDecorators,
  HttpException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AUDIT_OPTIONS, type AuditOptions } from '../audit/audit-trail';
import { FourEyesError } from './four-eyes';
import type { VerifiedUser } from './token-verifier';

export const FOUR_EYES_DECISION = 'auth:four-eyes-decision';

/**
 * One token, one four-eyes decision. A stolen or logged token must not approve a second run, rate table or re-send:
 * the token's jti is spent by the decision, durably (the service's `spent_tokens`, kept until the token expires).
 */
@Injectable()
export class SpentTokens {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_OPTIONS) options: AuditOptions,
  ) {
    this.table = `${options.schema}.spent_tokens`;
  }

  /** False when the jti was spent already (by an earlier decision, or by one running right now). */
  async spend(token: { jti: string; actor: string; action: string; expiresAt: Date }): Promise<boolean> {
    // Tokens past their expiry are refused by the verifier anyway: their jtis need not be kept.
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE expires_at < now() - interval '1 hour'`);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.table} (jti, actor, action, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (jti) DO NOTHING RETURNING jti`,
      [token.jti, token.actor, token.action, token.expiresAt],
    );
    return inserted.length === 1;
  }

  /** The decision was refused before anything was decided: the token may still take one. */
  async release(jti: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE jti = $1`, [jti]);
  }
}

/** The status a refusal will be answered with, when the error says so; undefined for anything unexpected. */
function refusalStatus(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof FourEyesError) return 403;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

@Injectable()
export class DecisionTokenInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly spentTokens: SpentTokens,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const action = this.reflector.get<string>(FOUR_EYES_DECISION, context.getHandler());
    const user = context.switchToHttp().getRequest<{ user?: VerifiedUser }>().user;
    const jti = user?.tokenId;
    if (!user || !jti) {
      throw new UnauthorizedException({ code: 'TOKEN_ID_REQUIRED', message: 'A four-eyes decision needs a token with a jti: one token takes one decision' });
    }
    if (!(await this.spentTokens.spend({ jti, actor: user.id, action, expiresAt: user.tokenExpiresAt }))) {
      throw new UnauthorizedException({ code: 'TOKEN_REPLAYED', message: 'This token has already been used for a four-eyes decision: each decision needs a new token' });
    }
    return next.handle().pipe(
      catchError((error: unknown) => {
        // Refused (validation, four eyes, state, scope, not found) before deciding: the token is not spent. Anything
        // else may have happened after the decision was committed, so the token stays spent.
        const status = refusalStatus(error);
        const refused = status !== undefined && status >= 400 && status < 500;
        return from(refused ? this.spentTokens.release(jti) : Promise.resolve()).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

/**
 * The endpoint takes a four-eyes decision (approve or reject a run, a rate table, a re-send ...): the caller's token
 * must carry a jti, and that jti takes this one decision only; a replay is refused 401 TOKEN_REPLAYED.
 */
export const FourEyesDecision = (action: string) => applyDecorators(SetMetadata(FOUR_EYES_DECISION, action), UseInterceptors(DecisionTokenInterceptor));
