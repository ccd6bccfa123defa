import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/**
 * What webhook-ingress saw for one integration since its last report:
 * rejections and drops the status page shows. Sent every few seconds while
 * there is something to say.
 */
export class WebhookStatsV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsInt()
  @Min(0)
  signatureFailures!: number;

  @IsOptional()
  @IsString()
  lastSignatureFailureReason?: string;

  @IsOptional()
  @IsString()
  lastSignatureFailureAt?: string;

  @IsInt()
  @Min(0)
  droppedDisabled!: number;

  @IsInt()
  @Min(0)
  droppedUnhandledType!: number;

  @IsInt()
  @Min(0)
  acceptedUnsigned!: number;

  /** Events published since the last report, by Events-API type: how many and when the last one came. */
  @IsOptional()
  @IsObject()
  publishedByType?: Record<string, { count: number; lastAt: string }>;
}

export const WebhookStatsContract = defineContract({ routingKey: 'ingress.webhook-stats', version: 1, schema: WebhookStatsV1 });
