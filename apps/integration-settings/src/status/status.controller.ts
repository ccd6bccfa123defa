import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { StatusService } from './status.service';

@ApiTags('Front integration')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/integrations/front/status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @ApiOperation({ summary: 'Troubleshooting: credentials, webhook health, AI activity, knowledge sync, sessions' })
  @ApiQuery({ name: 'check', required: false, description: 'true: re-validate the token with Front now' })
  get(@CurrentPrincipal() principal: Principal, @Query('check') check?: string) {
    return this.status.status(principal, check === 'true');
  }
}
