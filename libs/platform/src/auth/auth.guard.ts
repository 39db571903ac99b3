import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import type { TokenFailureLimiter } from './rate-limits';
import { InvalidTokenError, TokenVerifier, type VerifiedUser } from './token-verifier';
import type { Role } from './user';

/**
 * Registered globally: every route needs a valid bearer token unless it is marked @Public(), and the roles
 * named by @Roles(...). A token for another province than the installation's is refused. An address that sent
 * too many refused tokens is refused (429) before its tokens are checked.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly provinceCode: string,
    private readonly failures?: TokenFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; ip?: string; user?: VerifiedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException({ code: 'MISSING_TOKEN', message: 'A bearer token is required' });
    const address = request.ip ?? 'unknown';
    const { failures } = this;
    const blocked = failures?.blockedFor(address) ?? 0;
    if (failures && blocked > 0) throw failures.refusal(blocked);
    let user: VerifiedUser;
    try {
      user = await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      const nowBlocked = failures ? await failures.failed(address) : 0;
      if (failures && nowBlocked > 0) throw failures.refusal(nowBlocked);
      throw new UnauthorizedException({ code: error.code, message: error.message });
    }
    // Known from here on, even if refused below: the audit trail records who was refused.
    request.user = user;
    if (user.provinceCode !== this.provinceCode) {
      throw new ForbiddenException({ code: 'WRONG_PROVINCE', message: `This installation serves province ${this.provinceCode}` });
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException({ code: 'ROLE_REQUIRED', message: `One of these roles is required: ${required.join(', ')}` });
    }
    return true;
  }
}
