import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { KnowledgeService } from './knowledge.service';

@ApiTags('Knowledge')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/integrations/front/knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post('sync')
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({ summary: 'Sync the selected knowledge bases now (incremental)' })
  sync(@CurrentPrincipal() principal: Principal) {
    return this.knowledge.requestSync(principal);
  }

  @Get()
  @ApiOperation({ summary: 'Knowledge bases (type, locales, selected, articles) and the last sync' })
  overview(@CurrentPrincipal() principal: Principal) {
    return this.knowledge.overview(principal);
  }
}
