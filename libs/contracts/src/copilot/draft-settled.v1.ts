import { IsIn, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/** What a teammate did with an AI copilot draft (a draft replaced by a newer AI draft is not reported: it never reached a decision). */
export const DRAFT_FATES = ['sent_unchanged', 'sent_edited', 'discarded'] as const;
export type DraftFate = (typeof DRAFT_FATES)[number];

/** ai-responder settled one copilot draft, once, from Front's events on its conversation. */
export class DraftSettledV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  /** The session the draft answered, when the responder knew it (drafts written before it was recorded have none). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  sessionId?: string;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsString()
  @IsNotEmpty()
  conversationId!: string;

  /** Front's message id of the draft. */
  @IsString()
  @IsNotEmpty()
  draftId!: string;

  @IsIn(DRAFT_FATES)
  fate!: DraftFate;

  /** Share of characters the teammate changed (Levenshtein over the longer text): 0 unchanged, 1 rewritten. Required when sent edited. */
  @ValidateIf((message: DraftSettledV1) => message.fate === 'sent_edited' || message.editRatio !== undefined)
  @IsNumber()
  @Min(0)
  @Max(1)
  editRatio?: number;

  /** The Front teammate who sent it. */
  @IsOptional()
  @IsString()
  sentBy?: string;

  @IsISO8601()
  settledAt!: string;
}

/**
 * Not under `ai.*`: the consumers of `ai.*` read every message there as an
 * AiOutcomeV1 (one per reply request), and a draft's fate is not one.
 */
export const DraftSettledContract = defineContract({ routingKey: 'copilot.draft-settled', version: 1, schema: DraftSettledV1 });
