import { Inject, Injectable } from '@nestjs/common';
import {
  FrontApiAccessMissingError,
  FrontApiError,
  FrontClient,
  FrontScopeMissingError,
  FrontTokenInvalidError,
} from '@front-agent/front-client';
import { SettingsConfig } from '../config';
import { FrontConnectError } from './integration.errors';

/** The Front calls integration-settings makes with a token it holds. */
@Injectable()
export class FrontConnectionService {
  constructor(@Inject(SettingsConfig) private readonly config: SettingsConfig) {}

  clientFor(apiToken: string): FrontClient {
    return new FrontClient({ token: apiToken, baseUrl: this.config.FRONT_API_URL, deadlineMs: { interactive: 15_000 } });
  }

  /**
   * Validates a token: `GET /me`, then one call per scope the product needs.
   * Throws FrontConnectError with the code the dashboard shows.
   */
  async validateToken(apiToken: string): Promise<{ companyId: string; companyName: string; rateLimitPerMinute?: number }> {
    const client = this.clientFor(apiToken);
    const me = await client.getMe().catch((error: unknown) => {
      throw connectErrorOf(error);
    });
    const probes: Array<[string, () => Promise<unknown>]> = [
      ['teammates:read', () => client.listTeammates()],
      ['conversations:read', () => firstPageOf(client.listConversations({ limit: 1 }))],
      ['knowledge_bases:read', () => client.listKnowledgeBases()],
    ];
    for (const [scope, probe] of probes) {
      await probe().catch((error: unknown) => {
        if (error instanceof FrontScopeMissingError) {
          throw new FrontConnectError('token_scope_missing', `${scope} (needed to ${SCOPE_PURPOSE[scope]})`);
        }
        throw connectErrorOf(error);
      });
    }
    return { companyId: me.id, companyName: me.name, rateLimitPerMinute: plausibleLimit(client.reportedRateLimit) };
  }
}

const SCOPE_PURPOSE: Record<string, string> = {
  'teammates:read': 'list teammates and pick the AI teammate',
  'conversations:read': 'read the conversations the AI answers',
  'knowledge_bases:read': 'learn from your knowledge bases',
};

export function connectErrorOf(error: unknown): FrontConnectError {
  if (error instanceof FrontTokenInvalidError) return new FrontConnectError('token_invalid');
  if (error instanceof FrontApiAccessMissingError) return new FrontConnectError('api_access_missing');
  if (error instanceof FrontScopeMissingError) return new FrontConnectError('token_scope_missing', error.site?.scope);
  if (error instanceof FrontApiError && error.code === 'token_scope_missing') return new FrontConnectError('token_scope_missing');
  return new FrontConnectError('front_unreachable');
}

async function firstPageOf<T>(pages: AsyncIterable<T>): Promise<void> {
  for await (const _item of pages) return;
}

/** Front's reported per-minute budget (50/100/200 by plan, more with add-ons), when it looks like one. */
function plausibleLimit(limit: number | undefined): number | undefined {
  return limit !== undefined && Number.isFinite(limit) && limit >= 10 ? Math.min(Math.floor(limit), 100_000) : undefined;
}
