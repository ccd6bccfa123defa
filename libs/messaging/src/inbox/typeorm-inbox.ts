import type { DataSource } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';
import { assertSchemaName } from '../schema/messaging-tables';
import type { InboxOutcome, InboxStore } from './inbox-store';
import { transactionScope } from './transaction-scope';

/**
 * Inbox in `<schema>.processed_messages`. The inbox row and the handler's
 * writes share one transaction: a crash before commit leaves neither, a crash
 * after commit (before the ack) makes the redelivery a duplicate.
 */
export class TypeOrmInbox implements InboxStore {
  private readonly insert: PreparedStatement;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    assertSchemaName(schema);
    this.insert = new PreparedStatement(
      `INSERT INTO "${schema}".processed_messages (consumer, message_id, processed_at) VALUES ($1, $2, now()) ` +
        'ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id',
    );
  }

  async runOnce<T>(consumer: string, messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>> {
    return this.dataSource.transaction(async (manager) => {
      // A concurrent copy of the same message waits here on the unique key
      // until the first commits (then it is a duplicate) or rolls back.
      const inserted = await this.insert.run<unknown[]>(manager, [consumer, messageId]);
      if (inserted.length === 0) return { duplicate: true };
      const result = await transactionScope.run(manager, work);
      return { duplicate: false, result };
    });
  }
}
