import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newEnvelope } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import { ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { ValidationFailedError } from '../errors/app-errors';
import { AnalyticsQueryDto } from './analytics.dto';
import { sessionsToCsv } from './sessions-csv';

const RPC_TIMEOUT_MS = 10_000;
const DEFAULT_PERIOD_MS = 30 * 24 * 3_600_000;

/** Outcome analytics, computed by conversation-sync over the org's sessions (definitions: docs/outcomes.md). */
@ApiTags('Analytics')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Conversations seen, involvement, AI resolution rate, handoffs by reason, takeovers, time to first AI reply, replies by channel and language, copilot draft outcomes' })
  analytics(@CurrentPrincipal() principal: Principal, @Query() query: AnalyticsQueryDto) {
    return this.rpc.request('rpc.sync.analytics', { ...newEnvelope(principal.orgId), version: 1, ...periodOf(query) }, { timeoutMs: RPC_TIMEOUT_MS });
  }

  @Get('sessions.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="sessions.csv"')
  @ApiOperation({ summary: 'The sessions of the period as CSV, with their outcome and reasons' })
  async exportSessions(@CurrentPrincipal() principal: Principal, @Query() query: AnalyticsQueryDto): Promise<string> {
    const { sessions } = await this.rpc.request<{ sessions: Array<Record<string, unknown>> }>(
      'rpc.sync.export-sessions',
      { ...newEnvelope(principal.orgId), version: 1, ...periodOf(query) },
      { timeoutMs: RPC_TIMEOUT_MS },
    );
    return sessionsToCsv(sessions);
  }
}

function periodOf(query: AnalyticsQueryDto): { from: string; to: string; channel?: string } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from >= to) throw new ValidationFailedError(['from must be before to']);
  return { from: from.toISOString(), to: to.toISOString(), ...(query.channel ? { channel: query.channel } : {}) };
}
