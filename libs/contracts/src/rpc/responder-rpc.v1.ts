import { IsNotEmpty, IsString } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/** RPC to ai-responder: the org's knowledge bases as indexed, and the last sync. */
export class KnowledgeOverviewRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;
}

/** Answer of `rpc.responder.knowledge-overview`. */
export interface KnowledgeOverviewV1 {
  knowledgeBases: Array<{
    id: string;
    name: string;
    type: 'internal' | 'external';
    locales: string[];
    selected: boolean;
    articleCount: number;
  }>;
  sync: { state: 'never' | 'running' | 'succeeded' | 'failed'; lastRunAt?: string; lastResult?: Record<string, number>; error?: string; progress?: { done: number; total: number } };
  responder: { kind: 'llm' | 'embedded'; model?: string };
}

export const KnowledgeOverviewRpc = defineContract({
  routingKey: 'rpc.responder.knowledge-overview',
  version: 1,
  schema: KnowledgeOverviewRequestV1,
});
