import { IsDateString, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Fields every message on the broker carries. `messageId` is the idempotency
 * key (Front's event id where there is one), `orgId` the tenant.
 */
export abstract class MessageEnvelope {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  messageId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  orgId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  correlationId!: string;

  @IsDateString()
  occurredAt!: string;

  /** Schema version of the message; each class accepts only its own. */
  abstract version: number;
}

/** Accepts exactly the given schema version. */
export function IsSchemaVersion(version: number): PropertyDecorator {
  return IsIn([version], { message: `version must be ${version}` });
}

/** Fresh envelope fields for a message or RPC request of `orgId`. */
export function newEnvelope(orgId: string, correlationId?: string): Pick<MessageEnvelope, 'messageId' | 'orgId' | 'correlationId' | 'occurredAt'> {
  const messageId = globalThis.crypto.randomUUID();
  return { messageId, orgId, correlationId: correlationId ?? messageId, occurredAt: new Date().toISOString() };
}
