import { IsNotEmpty, IsString } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/**
 * conversation-sync to ai-responder: something happened in a conversation
 * where the AI left a copilot draft (or the AI just left one), so the
 * draft may have been sent or discarded: look. Sent for every Front event of
 * such a conversation and once when the draft is reported, never for
 * conversations without AI drafts; ai-responder no longer reads every Front
 * event for the few that matter.
 */
export class DraftCheckRequestedV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  sessionId!: string;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  @IsString()
  @IsNotEmpty()
  conversationId!: string;

  /** What prompted the check: `front.<type> <front event id>` or `ai.drafted`. */
  @IsString()
  @IsNotEmpty()
  cause!: string;
}

export const DraftCheckRequestedContract = defineContract({
  routingKey: 'conversation.draft-check-requested',
  version: 1,
  schema: DraftCheckRequestedV1,
});
