import { IsISO8601, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/** RPC to conversation-sync: outcome analytics of the org's sessions first seen in [from, to). */
export class AnalyticsRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsISO8601()
  from!: string;

  @IsISO8601()
  to!: string;

  @IsOptional()
  @IsString()
  channel?: string;
}

/** RPC to conversation-sync: the sessions behind the analytics, with their outcome and reasons (CSV export). */
export class ExportSessionsRequestV1 extends AnalyticsRequestV1 {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50_000)
  limit?: number;
}

export const AnalyticsRpc = defineContract({ routingKey: 'rpc.sync.analytics', version: 1, schema: AnalyticsRequestV1 });
export const ExportSessionsRpc = defineContract({ routingKey: 'rpc.sync.export-sessions', version: 1, schema: ExportSessionsRequestV1 });
