import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type {
  FrontCredentialsV1,
  GetFrontCredentialsRequestV1,
  GetIntegrationStateRequestV1,
  ResolveWebhookKeyRequestV1,
  ResolveWebhookKeyResponseV1,
} from '@front-agent/contracts';
import { SettingsRpcService } from './settings-rpc.service';

/** RPCs other services ask integration-settings, over the broker. */
@Controller()
export class SettingsRpcHandler {
  constructor(private readonly rpc: SettingsRpcService) {}

  @MessagePattern('rpc.settings.resolve-webhook-key')
  resolveWebhookKey(@Payload() request: ResolveWebhookKeyRequestV1): Promise<ResolveWebhookKeyResponseV1> {
    return this.rpc.resolveWebhookKey(request.webhookKey);
  }

  @MessagePattern('rpc.settings.get-integration-state')
  getIntegrationState(@Payload() request: GetIntegrationStateRequestV1): Promise<ResolveWebhookKeyResponseV1> {
    return this.rpc.getIntegrationState(request.orgId, request.integrationId);
  }

  @MessagePattern('rpc.settings.get-front-credentials')
  getFrontCredentials(@Payload() request: GetFrontCredentialsRequestV1): Promise<FrontCredentialsV1> {
    return this.rpc.getFrontCredentials(request.orgId, request.integrationId);
  }
}
