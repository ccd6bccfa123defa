import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';
import { SealedSecret } from '../envelope/sealed-secret';
import { IntegrationChangedV1 } from '../integration/integration-changed.v1';

/** RPC to integration-settings: which integration owns this webhook key? */
export class ResolveWebhookKeyRequestV1 {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  webhookKey!: string;
}

export class ResolveWebhookKeyResponseV1 {
  @IsBoolean()
  found!: boolean;

  /** The integration's current state, secrets sealed; absent when not found or disconnected. */
  @IsOptional()
  @ValidateNested()
  @Type(() => IntegrationChangedV1)
  integration?: IntegrationChangedV1;
}

export const ResolveWebhookKeyRpc = defineContract({
  routingKey: 'rpc.settings.resolve-webhook-key',
  version: 1,
  schema: ResolveWebhookKeyRequestV1,
});

/** RPC to integration-settings: the Front credentials of an org's integration. */
export class GetFrontCredentialsRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;
}

export class FrontCredentialsV1 {
  @IsBoolean()
  found!: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => SealedSecret)
  apiToken?: SealedSecret;

  @IsOptional()
  @IsString()
  frontCompanyId?: string;

  @IsOptional()
  @IsString()
  aiTeammateId?: string | null;

  /** The company's Front API budget in requests per minute. */
  @IsOptional()
  @IsInt()
  rateLimitPerMinute?: number;
}

export const GetFrontCredentialsRpc = defineContract({
  routingKey: 'rpc.settings.get-front-credentials',
  version: 1,
  schema: GetFrontCredentialsRequestV1,
});

/** RPC to integration-settings: an integration's current state (as `integration.*` carries it), for a consumer that missed the events. */
export class GetIntegrationStateRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;
}

export const GetIntegrationStateRpc = defineContract({
  routingKey: 'rpc.settings.get-integration-state',
  version: 1,
  schema: GetIntegrationStateRequestV1,
});
