import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal } from '../auth/api-key.guard';
import type { Principal } from '../auth/api-key.service';
import { TryQuestionDto } from './try-it.dto';
import { TryItService } from './try-it.service';

@ApiTags('Integration')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/integrations/front/try')
export class TryItController {
  constructor(private readonly tryIt: TryItService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a customer question through the AI with the current controls; nothing is sent to Front' })
  tryQuestion(@CurrentPrincipal() principal: Principal, @Body() dto: TryQuestionDto) {
    return this.tryIt.tryQuestion(principal, dto);
  }
}
