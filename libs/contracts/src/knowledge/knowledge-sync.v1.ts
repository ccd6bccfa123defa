import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/** integration-settings asks ai-responder to sync the org's knowledge bases (on demand). */
export class KnowledgeSyncRequestedV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsIn(['connect', 'manual', 'schedule', 'selection'])
  trigger!: 'connect' | 'manual' | 'schedule' | 'selection';

  /** Knowledge bases to keep; null or absent: all of the company's. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  knowledgeBaseIds?: string[] | null;

  /** Only articles updated since (ISO date); absent: incremental from the last sync. */
  @IsOptional()
  @IsString()
  since?: string;
}

export class KnowledgeSyncProgress {
  @IsInt()
  @Min(0)
  done!: number;

  @IsInt()
  @Min(0)
  total!: number;
}

/** ai-responder reports a knowledge sync's state: running (with progress), succeeded or failed. */
export class KnowledgeSyncStatusV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsIn(['running', 'succeeded', 'failed'])
  state!: 'running' | 'succeeded' | 'failed';

  @IsString()
  startedAt!: string;

  @IsOptional()
  @IsString()
  finishedAt?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => KnowledgeSyncProgress)
  progress?: KnowledgeSyncProgress;

  /** Counts: articles added, updated, removed, kept; chunks indexed. */
  @IsOptional()
  @IsObject()
  result?: Record<string, number>;

  @IsOptional()
  @IsString()
  error?: string;
}

export const KnowledgeSyncRequestedContract = defineContract({
  routingKey: 'knowledge.sync-requested',
  version: 1,
  schema: KnowledgeSyncRequestedV1,
});
export const KnowledgeSyncStatusContract = defineContract({
  routingKey: 'knowledge.sync-status',
  version: 1,
  schema: KnowledgeSyncStatusV1,
});
