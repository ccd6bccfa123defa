import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { GetSessionRequestV1, IntegrationSyncStatusRequestV1, ListSessionsRequestV1 } from '@front-agent/contracts';
import { SessionQueryService } from './session-query.service';

/** Sessions for the dashboard, over the broker. */
@Controller()
export class SessionsRpcHandler {
  constructor(private readonly sessions: SessionQueryService) {}

  @MessagePattern('rpc.sync.list-sessions')
  list(@Payload() request: ListSessionsRequestV1) {
    return this.sessions.listSessions(request);
  }

  @MessagePattern('rpc.sync.get-session')
  get(@Payload() request: GetSessionRequestV1) {
    return this.sessions.getSession(request);
  }

  @MessagePattern('rpc.sync.integration-status')
  status(@Payload() request: IntegrationSyncStatusRequestV1) {
    return this.sessions.integrationStatus(request.orgId, request.integrationId);
  }
}
