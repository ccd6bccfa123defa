import { forbidden, unauthenticated } from '../domain/errors';
import type { SandboxStore } from '../state/store';
import type { ApiToken } from '../state/types';

/**
 * Front's bearer-token check: a missing, unknown or revoked token is 401
 * "JSON Web Token error"; a plan without API access is 403 on every route;
 * a token without the route's scope is 403 naming the scope.
 */
export function authenticate(store: SandboxStore, authorization: string | undefined, scopes: string[]): ApiToken {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const token = match ? store.tokens.get(match[1].trim()) : undefined;
  if (!token || token.revoked) throw unauthenticated();
  if (!token.apiAccess) throw forbidden("Your company's plan does not include access to the API");
  const missing = scopes.filter((scope) => token.scopes !== '*' && !token.scopes.includes(scope));
  if (missing.length > 0) throw forbidden(`Missing required scope: ${missing.join(', ')}`);
  return token;
}
