import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AdminRoleRequiredError, UnauthenticatedError } from '../errors/app-errors';
import { ApiKeyService, Principal } from './api-key.service';

const ADMIN_ONLY = 'front-agent:admin-only';

/** Marks a route as a change: admins only. Reads are open to members. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller's principal, set by ApiKeyGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

/** Authenticates `Authorization: Bearer <api key>` and enforces the admin role where asked. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = match ? await this.apiKeys.authenticate(match[1]) : undefined;
    if (!principal) throw new UnauthenticatedError();
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && principal.role !== 'admin') throw new AdminRoleRequiredError();
    request.principal = principal;
    return true;
  }
}
