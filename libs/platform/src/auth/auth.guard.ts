import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { InvalidTokenError, TokenVerifier } from './token-verifier';
import type { AuthUser, Role } from './user';

/**
 * Registered globally: every route needs a valid bearer token unless it is marked @Public(), and the roles
 * named by @Roles(...). A token for another province than the installation's is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly provinceCode: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException({ code: 'MISSING_TOKEN', message: 'A bearer token is required' });
    let user: AuthUser;
    try {
      user = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    if (user.provinceCode !== this.provinceCode) {
      throw new ForbiddenException({ code: 'WRONG_PROVINCE', message: `This installation serves province ${this.provinceCode}` });
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException({ code: 'ROLE_REQUIRED', message: `One of these roles is required: ${required.join(', ')}` });
    }
    request.user = user;
    return true;
  }
}
