import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';
import { CHANNELS, type Channel } from '../front/front-event.v1';

/** One line of the compact transcript handed to the responder. */
export class TranscriptLine {
  @IsIn(['inbound', 'outbound', 'internal'])
  direction!: 'inbound' | 'outbound' | 'internal';

  @IsIn(['customer', 'ai', 'teammate', 'bot'])
  author!: 'customer' | 'ai' | 'teammate' | 'bot';

  @IsString()
  text!: string;

  /** Unix seconds. */
  @IsNumber()
  at!: number;
}

/** The customer message that triggered the request. */
export class TriggerMessage {
  @IsString()
  @IsNotEmpty()
  frontMessageId!: string;

  @IsString()
  text!: string;

  @IsOptional()
  @IsString()
  html?: string;

  @IsOptional()
  @IsString()
  subject?: string;

  @IsOptional()
  @IsString()
  customerHandle?: string;

  @IsNumber()
  emittedAt!: number;

  /**
   * Unix seconds: when the conversation was assigned to the AI, for a message
   * that waited for it. A teammate's reply before that is not a takeover.
   */
  @IsOptional()
  @IsNumber()
  assignedToAiAt?: number;
}

/** conversation-sync asks ai-responder to answer one customer message. */
export class ReplyRequestedV1 extends MessageEnvelope {
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

  @IsString()
  @IsNotEmpty()
  aiTeammateId!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @ValidateNested()
  @Type(() => TriggerMessage)
  trigger!: TriggerMessage;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TranscriptLine)
  transcript!: TranscriptLine[];
}

export const ReplyRequestedContract = defineContract({
  routingKey: 'conversation.reply-requested',
  version: 1,
  schema: ReplyRequestedV1,
});
