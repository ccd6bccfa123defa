import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { DeadLetterReplayService } from './dead-letter-replay.service';
import { ListDeadLettersQueryDto } from './dead-letters.dto';

/** Every service's dead-lettered messages of the org, and their replay. */
@ApiTags('Dead letters')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterReplayService) {}

  @Get()
  @ApiOperation({ summary: "The org's dead letters, newest first: service, queue, error, attempts, replays" })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListDeadLettersQueryDto) {
    const before = query.before ? new Date(query.before) : undefined;
    return { deadLetters: await this.deadLetters.list(principal.orgId, { limit: query.limit ?? 100, queue: query.queue, before }) };
  }

  @Post(':id/replay')
  @AdminOnly()
  @HttpCode(202)
  @ApiOperation({ summary: 'Puts the message back through the normal path; idempotent (each consumer handles a message once) and audited' })
  replay(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.deadLetters.replay(principal, id);
  }
}
