import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

export const CHANNELS = ['email', 'web', 'sms', 'whatsapp', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const AUTHOR_KINDS = ['teammate', 'contact', 'bot', 'unknown'] as const;

/** Who caused a message or event: a teammate (by id), a customer (by handle) or a bot. */
export class FrontEventAuthor {
  @IsIn(AUTHOR_KINDS)
  kind!: (typeof AUTHOR_KINDS)[number];

  @IsOptional()
  @IsString()
  teammateId?: string;

  /** Front teammate type (`user`, `ai`, `api`, `rule`, …) when Front sent it. */
  @IsOptional()
  @IsString()
  teammateType?: string;

  @IsOptional()
  @IsString()
  handle?: string;

  @IsOptional()
  @IsString()
  name?: string;
}

/**
 * One Front event, normalised by webhook-ingress (or by the reconciler from
 * Front's events API). Routing key `front.<Events-API type>`, e.g. `front.inbound`.
 */
export class FrontEventV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  integrationId!: string;

  /** Front's event id (`evt_…`); equals messageId. */
  @IsString()
  @IsNotEmpty()
  frontEventId!: string;

  /** Events-API type name: inbound, outbound, out_reply, archive, reopen, assign, unassign, comment, tag, untag, … */
  @IsString()
  @IsNotEmpty()
  type!: string;

  /** Unix seconds, possibly fractional, as Front sends it. */
  @IsNumber()
  emittedAt!: number;

  @IsIn(['application', 'rule', 'reconciler'])
  deliveredBy!: 'application' | 'rule' | 'reconciler';

  @IsOptional()
  @IsString()
  companyId?: string;

  @IsOptional()
  @IsString()
  conversationId?: string;

  @IsOptional()
  @IsString()
  conversationStatus?: string;

  /** Assignee after the event; null when the conversation is unassigned, absent when unknown. */
  @IsOptional()
  @IsString()
  assigneeId?: string | null;

  @IsOptional()
  @IsString()
  frontMessageId?: string;

  @IsOptional()
  @IsString()
  commentId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => FrontEventAuthor)
  author?: FrontEventAuthor;

  @IsOptional()
  @IsIn(['inbound', 'outbound', 'internal'])
  direction?: 'inbound' | 'outbound' | 'internal';

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** Front's raw message type (email, sms, custom, …). */
  @IsOptional()
  @IsString()
  messageType?: string;

  @IsOptional()
  @IsString()
  subject?: string;

  @IsOptional()
  @IsString()
  text?: string;

  @IsOptional()
  @IsString()
  html?: string;

  @IsOptional()
  @IsString()
  tagId?: string;

  @IsOptional()
  @IsString()
  tagName?: string;

  /** True when the payload was a preview (ids and links only) and needs hydrating from the API. */
  @IsBoolean()
  isPreview!: boolean;

  /** Front's event payload as received, for consumers that need more. */
  @IsObject()
  raw!: Record<string, unknown>;
}

export const FrontEventContract = defineContract({ routingKey: 'front.*', version: 1, schema: FrontEventV1 });

/** Routing key for a Front event type. */
export function frontEventRoutingKey(type: string): string {
  return `front.${type}`;
}
