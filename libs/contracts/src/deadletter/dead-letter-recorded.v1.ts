import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { defineContract } from '../envelope/contract';
import { IsSchemaVersion, MessageEnvelope } from '../envelope/message-envelope';

/** Org of a dead letter that carried none (an invalid message): no tenant's admins see it. */
export const UNKNOWN_ORG = '_unknown';

/**
 * A service gave up on a message and put it in its dead-letter queue. The
 * status page counts these; an admin can list and replay them.
 */
export class DeadLetterRecordedV1 extends MessageEnvelope {
  @IsSchemaVersion(1)
  version = 1 as const;

  @IsString()
  @IsNotEmpty()
  service!: string;

  @IsString()
  queue!: string;

  @IsString()
  routingKey!: string;

  @IsString()
  exchange!: string;

  /** messageId of the message that failed. */
  @IsOptional()
  @IsString()
  failedMessageId?: string;

  @IsIn(['invalid_message', 'handler_failed'])
  kind!: 'invalid_message' | 'handler_failed';

  @IsString()
  error!: string;

  @IsInt()
  @Min(0)
  attempts!: number;

  /** The failed message as it was received (JSON text), for replay. */
  @IsOptional()
  @IsString()
  body?: string;
}

export const DeadLetterRecordedContract = defineContract({
  routingKey: 'deadletter.recorded',
  version: 1,
  schema: DeadLetterRecordedV1,
});
