import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newEnvelope } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import { ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { NotFoundError } from '../errors/app-errors';
import { ListSessionsQueryDto } from './sessions.dto';

const RPC_TIMEOUT_MS = 5_000;

/** Sessions, owned by conversation-sync and read over RPC; kept after disconnect. */
@ApiTags('Sessions')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/sessions')
export class SessionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: "The org's sessions, newest activity first; filter by status or conversation" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSessionsQueryDto) {
    return this.rpc.request('rpc.sync.list-sessions', { ...newEnvelope(principal.orgId), version: 1, ...query }, { timeoutMs: RPC_TIMEOUT_MS });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session: outcome, transcript and its whole decision timeline' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') sessionId: string) {
    const answer = await this.rpc.request<{ found: boolean }>(
      'rpc.sync.get-session',
      { ...newEnvelope(principal.orgId), version: 1, sessionId },
      { timeoutMs: RPC_TIMEOUT_MS },
    );
    if (!answer.found) throw new NotFoundError(`no session ${sessionId}`);
    const { found: _found, ...session } = answer;
    return session;
  }
}
