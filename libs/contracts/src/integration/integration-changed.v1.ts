import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';
import { SealedSecret } from '../envelope/sealed-secret';

/** How webhook-ingress recognises and verifies this integration's webhooks. */
export class WebhookVerification {
  @IsString()
  @IsNotEmpty()
  webhookKey!: string;

  /** The Front app's signing secret (application webhooks), sealed. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SealedSecret)
  appSecret?: SealedSecret;

  /** The company API secret (rule webhooks), sealed. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SealedSecret)
  ruleSecret?: SealedSecret;
}

/**
 * The integration's state after a change. Published as `integration.connected`,
 * `integration.updated` or `integration.disconnected`. Carries no secret in clear.
 */
export class IntegrationChangedV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsIn(['connected', 'updated', 'disconnected'])
  change!: 'connected' | 'updated' | 'disconnected';

  @IsBoolean()
  connected!: boolean;

  @IsBoolean()
  enabled!: boolean;

  @IsBoolean()
  handleUnassigned!: boolean;

  @IsOptional()
  @IsString()
  aiTeammateId?: string | null;

  @IsOptional()
  @IsString()
  frontCompanyId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookVerification)
  webhook?: WebhookVerification;

  /**
   * The team's controls (reply mode, guidance, restricted topics, languages,
   * selected knowledge bases), as integration-settings stores them.
   */
  @IsOptional()
  @IsObject()
  controls?: Record<string, unknown>;

  /** Monotonic revision so consumers ignore stale copies. */
  @IsOptional()
  revision?: number;
}

export const IntegrationConnectedContract = defineContract({
  routingKey: 'integration.connected',
  version: 1,
  schema: IntegrationChangedV1,
});
export const IntegrationUpdatedContract = defineContract({
  routingKey: 'integration.updated',
  version: 1,
  schema: IntegrationChangedV1,
});
export const IntegrationDisconnectedContract = defineContract({
  routingKey: 'integration.disconnected',
  version: 1,
  schema: IntegrationChangedV1,
});
