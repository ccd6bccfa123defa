import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { AnalyticsRequestV1, ExportSessionsRequestV1 } from '@front-agent/contracts';
import { AnalyticsService } from './analytics.service';

/** Outcome analytics for the dashboard, over the broker. */
@Controller()
export class AnalyticsRpcHandler {
  constructor(private readonly analytics: AnalyticsService) {}

  @MessagePattern('rpc.sync.analytics')
  analyticsOf(@Payload() request: AnalyticsRequestV1) {
    return this.analytics.analyticsOf(request);
  }

  @MessagePattern('rpc.sync.export-sessions')
  exportSessions(@Payload() request: ExportSessionsRequestV1) {
    return this.analytics.exportSessions(request);
  }
}
