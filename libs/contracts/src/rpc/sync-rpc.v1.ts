import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

export const SESSION_STATUSES = ['open', 'handed_off', 'human_active', 'resolved'] as const;

/** RPC to conversation-sync: an org's sessions, newest activity first. */
export class ListSessionsRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: (typeof SESSION_STATUSES)[number];

  @IsOptional()
  @IsString()
  conversationId?: string;

  /** Finds sessions by Front conversation id, customer handle or message text. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** ISO time: sessions updated before it (paging). */
  @IsOptional()
  @IsString()
  before?: string;
}

/** RPC to conversation-sync: one session with its transcript and timeline. */
export class GetSessionRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  sessionId!: string;
}

export const ListSessionsRpc = defineContract({ routingKey: 'rpc.sync.list-sessions', version: 1, schema: ListSessionsRequestV1 });
export const GetSessionRpc = defineContract({ routingKey: 'rpc.sync.get-session', version: 1, schema: GetSessionRequestV1 });

/** RPC to conversation-sync: what the status page shows of an integration's sessions and reconciliation. */
export class IntegrationSyncStatusRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;
}

export const IntegrationSyncStatusRpc = defineContract({
  routingKey: 'rpc.sync.integration-status',
  version: 1,
  schema: IntegrationSyncStatusRequestV1,
});
