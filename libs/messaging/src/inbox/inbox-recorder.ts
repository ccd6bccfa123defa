import { assertSchemaName } from '../schema/messaging-tables';
import { inboxConsumerOf, inboxKeyOf } from './inbox-store';

/**
 * For a handler that runs without the transport's inbox (`inbox: false`)
 * because its whole effect is one statement: that statement takes the
 * message's inbox row itself (the same table and keys as TypeOrmInbox), so
 * the message is processed once without a transaction around it.
 */
export class InboxRecorder {
  private readonly table: string;

  constructor(
    schema: string,
    private readonly serviceName: string,
  ) {
    assertSchemaName(schema);
    this.table = `"${schema}".processed_messages`;
  }

  /**
   * A `processed AS (…)` CTE inserting the inbox row of `message` for the
   * handler of `pattern`, with its two values from `$firstParameter`. It
   * returns a row only the first time: the statement's effect must require
   * `EXISTS (SELECT 1 FROM processed)`.
   */
  processedFor(pattern: string, message: { orgId?: string; messageId: string }, firstParameter: number): { cte: string; values: [string, string] } {
    return {
      cte:
        `processed AS (INSERT INTO ${this.table} (consumer, message_id, processed_at) VALUES ($${firstParameter}, $${firstParameter + 1}, now()) ` +
        'ON CONFLICT (consumer, message_id) DO NOTHING RETURNING 1)',
      values: [inboxConsumerOf(this.serviceName, pattern), inboxKeyOf(message.orgId, message.messageId)],
    };
  }
}
