import { Body, Controller, Delete, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { ConnectFrontDto, UpdateFrontIntegrationDto } from './integration.dto';
import { IntegrationUpdateService } from './integration-update.service';
import { IntegrationService } from './integration.service';
import { TeammateDirectory } from './teammate-directory.service';

@ApiTags('Front integration')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/integrations/front')
export class FrontIntegrationController {
  constructor(
    private readonly integrations: IntegrationService,
    private readonly updates: IntegrationUpdateService,
    private readonly teammates: TeammateDirectory,
  ) {}

  @Post('connect')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Connect Front with an API token (validated with GET /me and scope probes)' })
  connect(@CurrentPrincipal() principal: Principal, @Body() body: ConnectFrontDto) {
    return this.integrations.connect(principal, body.apiToken);
  }

  @Get()
  @ApiOperation({ summary: 'The Front integration, without secrets' })
  get(@CurrentPrincipal() principal: Principal) {
    return this.integrations.getIntegration(principal);
  }

  @Patch()
  @AdminOnly()
  @ApiOperation({ summary: 'Change the AI teammate, toggles, signing secrets and controls' })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateFrontIntegrationDto) {
    return this.updates.update(principal, body);
  }

  @Delete()
  @AdminOnly()
  @ApiOperation({ summary: 'Disconnect: delete credentials, stop webhooks; sessions stay readable' })
  disconnect(@CurrentPrincipal() principal: Principal) {
    return this.integrations.disconnect(principal);
  }

  @Get('teammates')
  @ApiOperation({ summary: "The connected company's teammates, live from Front" })
  async listTeammates(@CurrentPrincipal() principal: Principal) {
    return { teammates: await this.teammates.listTeammates(principal) };
  }
}
