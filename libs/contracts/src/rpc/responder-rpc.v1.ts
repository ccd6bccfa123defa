import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { CHANNELS, type Channel } from '../front/front-event.v1';
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
  /** guidanceNotApplied: guidance entries the embedded responder cannot follow without a model. */
  responder: { kind: 'llm' | 'embedded'; model?: string; guidanceNotApplied?: string[] };
}

export const KnowledgeOverviewRpc = defineContract({
  routingKey: 'rpc.responder.knowledge-overview',
  version: 1,
  schema: KnowledgeOverviewRequestV1,
});

/** RPC to ai-responder: run a question through the real decision pipeline, with no effect in Front. */
export class TryItRequestV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  question!: string;

  @IsIn(CHANNELS)
  channel!: Channel;
}

/** Answer of `rpc.responder.try-it`: what the AI would do, and why. */
export interface TryItResultV1 {
  decision: 'reply' | 'handoff' | 'resolve';
  reason?: string;
  /** The answer as the customer would read it (plain text). */
  answer?: string;
  sources: Array<{ title: string; url: string }>;
  trail: Record<string, unknown>;
}

export const TryItRpc = defineContract({ routingKey: 'rpc.responder.try-it', version: 1, schema: TryItRequestV1 });
