import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '@benefits/platform';
import { ScopeForbiddenError } from '../common/errors';

/**
 * Reconciliation is the province's: a bank statement or a post-office settlement report holds every commune's
 * payments, and its lines and exceptions with them (a line that matches no payment belongs to no commune). A token
 * limited to communes reads and changes none of it (403 SCOPE_FORBIDDEN); before, it read the whole province's
 * exceptions and statements, where every other read shows it only its communes' records.
 */
@Injectable()
export class WholeProvinceGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user?.communeCodes?.length) {
      throw new ScopeForbiddenError(
        `Reconciliation is the province's: statements and their exceptions hold every commune's payments, and your token is limited to communes ${user.communeCodes.join(', ')}`,
      );
    }
    return true;
  }
}
