import { Controller, Get, ParseIntPipe, Query, UseGuards, DefaultValuePipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { AuditService } from './audit.service';

@ApiTags('Audit')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number) {
    const entries = await this.audit.listEntriesOfOrg(principal.orgId, limit);
    return { entries: entries.map(({ id, actor, action, changes, at }) => ({ id, actor, action, changes, at })) };
  }
}
