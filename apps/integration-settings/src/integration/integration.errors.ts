import { AppError } from '../errors/app-errors';

export type ConnectErrorCode = 'token_invalid' | 'api_access_missing' | 'token_scope_missing' | 'front_unreachable';

const CONNECT_ADVICE: Record<ConnectErrorCode, string> = {
  token_invalid: 'Front refused the token: it was revoked or is wrong. Create a new API token in Front and paste it again.',
  api_access_missing:
    'Front refused the token (403): the Front plan has no API access, the token lacks a scope, or the token was revoked. Check the plan, or create a new token with the scopes listed in the docs.',
  token_scope_missing: 'the token lacks a scope front-agent needs',
  front_unreachable: 'Front did not answer. Try again in a minute; if it persists, check FRONT_API_URL and the network.',
};

/** Connecting failed for a reason the admin can fix; answered 422. */
export class FrontConnectError extends AppError {
  readonly status = 422;
  constructor(
    readonly code: ConnectErrorCode,
    detail?: string,
  ) {
    super(detail ? `${CONNECT_ADVICE[code]}: ${detail}` : CONNECT_ADVICE[code]);
  }
}

export class IntegrationNotConnectedError extends AppError {
  readonly code = 'not_connected';
  readonly status = 404;
  constructor() {
    super('no Front integration is connected for this organisation; connect one with POST /v1/integrations/front/connect');
  }
}

export class TeammateInvalidError extends AppError {
  readonly code = 'teammate_invalid';
  readonly status = 422;
}
