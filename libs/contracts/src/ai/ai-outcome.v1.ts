import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/**
 * Why the AI did what it did, for "why?" on the session: stored as sent.
 * Shape (all optional): responder ('llm' | 'embedded'), model, decision
 * ('reply' | 'handoff' | 'resolve' | 'skip'), reason, retrieved
 * [{articleId, title, url, locale, score}], sentiment, language,
 * guidanceVersion, checks [{name, passed}], steps [{name, ms}], frontCalls
 * [{call, status}], rejectedText (admins only).
 */
export type DecisionTrail = Record<string, unknown>;

/** What ai-responder did for one reply request. */
export class AiOutcomeV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  /** `drafted`: copilot mode, a shared draft for a teammate to send (nothing reached the customer). */
  @IsIn(['replied', 'drafted', 'handed-off', 'resolved', 'failed', 'skipped'])
  outcome!: 'replied' | 'drafted' | 'handed-off' | 'resolved' | 'failed' | 'skipped';

  @IsString()
  @IsNotEmpty()
  sessionId!: string;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsString()
  @IsNotEmpty()
  conversationId!: string;

  /** The customer message the request was about. */
  @IsString()
  @IsNotEmpty()
  triggerMessageId!: string;

  /** The draft's message id in copilot mode. */
  @IsOptional()
  @IsString()
  draftId?: string;

  /** Front's message_uid of the reply, when one was sent. */
  @IsOptional()
  @IsString()
  messageUid?: string;

  @IsOptional()
  @IsString()
  replyText?: string;

  /** Why: a handoff reason, a failure code or a skip rule. */
  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsNumber()
  latencyMs?: number;

  /** Customer message ids answered together (bursts are coalesced). */
  @IsOptional()
  @IsString({ each: true })
  answeredMessageIds?: string[];

  @IsOptional()
  @IsObject()
  trail?: DecisionTrail;
}

export const AiRepliedContract = defineContract({ routingKey: 'ai.replied', version: 1, schema: AiOutcomeV1 });
export const AiDraftedContract = defineContract({ routingKey: 'ai.drafted', version: 1, schema: AiOutcomeV1 });
export const AiHandedOffContract = defineContract({ routingKey: 'ai.handed-off', version: 1, schema: AiOutcomeV1 });
export const AiResolvedContract = defineContract({ routingKey: 'ai.resolved', version: 1, schema: AiOutcomeV1 });
export const AiFailedContract = defineContract({ routingKey: 'ai.failed', version: 1, schema: AiOutcomeV1 });
/** A request that needed no answer: already answered together with an earlier one, or stale (a teammate replied, reassigned, archived). */
export const AiSkippedContract = defineContract({ routingKey: 'ai.skipped', version: 1, schema: AiOutcomeV1 });
