import { inspect } from 'node:util';
import { errorForResponse, readFrontErrorBody, summarizeNetworkFailure } from './error-for-response';
import {
  FrontApiAccessMissingError,
  FrontApiError,
  FrontBadRequestError,
  FrontNotFoundError,
  FrontScopeMissingError,
  FrontTokenInvalidError,
  FrontUnavailableError,
} from './front-errors';

const kbSite = { method: 'GET', route: '/knowledge_bases', scope: 'knowledge_bases:read' };

describe('Front error bodies', () => {
  it('reads every field of a full body', () => {
    const body = { _error: { status: 404, title: 'Not found', message: 'Unknown conversation ID cnv_123', details: ['a', 1] } };
    expect(readFrontErrorBody(body)).toEqual({ status: 404, title: 'Not found', message: 'Unknown conversation ID cnv_123', details: ['a'] });
  });

  it('reads a body with only a message, a JSON string, and nothing usable', () => {
    expect(readFrontErrorBody({ _error: { message: 'Unexpected token }' } })).toEqual({ message: 'Unexpected token }' });
    expect(readFrontErrorBody('{"_error":{"status":401}}')).toEqual({ status: 401 });
    expect(readFrontErrorBody('<html>bad gateway</html>')).toBeUndefined();
    expect(readFrontErrorBody({ error: 'nope' })).toBeUndefined();
  });
});

describe('status to error', () => {
  const unauthenticated = { _error: { status: 401, title: 'Unauthenticated', message: 'JSON Web Token error' } };

  it('names a rejected token', () => {
    const error = errorForResponse(401, unauthenticated, kbSite);
    expect(error).toBeInstanceOf(FrontTokenInvalidError);
    expect(error).toMatchObject({ code: 'token_invalid', status: 401, frontError: unauthenticated._error });
    expect(error.message).toContain('JSON Web Token error');
  });

  it('reads a 403 on GET /me as missing API access, and elsewhere as a missing scope naming it', () => {
    expect(errorForResponse(403, undefined, { method: 'GET', route: '/me' })).toBeInstanceOf(FrontApiAccessMissingError);
    const scope = errorForResponse(403, undefined, kbSite);
    expect(scope).toBeInstanceOf(FrontScopeMissingError);
    expect(scope).toMatchObject({ code: 'token_scope_missing', requiredScope: 'knowledge_bases:read' });
    expect(scope.message).toContain('knowledge_bases:read');
  });

  it('maps 404, other 4xx and 5xx', () => {
    expect(errorForResponse(404, undefined, kbSite)).toBeInstanceOf(FrontNotFoundError);
    expect(errorForResponse(400, { _error: { message: 'Body did not satisfy requirements' } }, kbSite)).toBeInstanceOf(FrontBadRequestError);
    expect(errorForResponse(409, undefined, kbSite)).toMatchObject({ code: 'bad_request', status: 409 });
    expect(errorForResponse(503, undefined, kbSite)).toBeInstanceOf(FrontUnavailableError);
    expect(errorForResponse(302, undefined, kbSite)).toMatchObject({ code: 'unexpected_response' });
  });

  it('keeps every error a FrontApiError with its class name', () => {
    const error = errorForResponse(404, undefined, kbSite);
    expect(error).toBeInstanceOf(FrontApiError);
    expect(error.name).toBe('FrontNotFoundError');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'FrontNotFoundError', code: 'not_found', status: 404 });
  });
});

describe('network failure summaries', () => {
  it('keep the code and message but never a bearer token', () => {
    const summary = summarizeNetworkFailure({ code: 'ECONNRESET', message: 'socket hang up sending Authorization: Bearer secret.jwt.token' });
    expect(summary.code).toBe('ECONNRESET');
    expect(inspect(summary)).not.toContain('secret.jwt.token');
  });
});
