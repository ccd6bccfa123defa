import type { MigrationInterface, QueryRunner } from 'typeorm';

export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
}

/** SQL that creates the inbox (`processed_messages`) and the `outbox` in a service's schema. */
export function messagingTablesUp(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `CREATE TABLE "${schema}".processed_messages (
      consumer text NOT NULL,
      message_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`,
    `CREATE INDEX processed_messages_processed_at_idx ON "${schema}".processed_messages (processed_at)`,
    `CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      message_id text NOT NULL,
      routing_key text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      publish_attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`,
    `CREATE INDEX outbox_pending_idx ON "${schema}".outbox (id) WHERE published_at IS NULL`,
  ];
}

/** SQL that drops what messagingTablesUp created (the schema itself stays). */
export function messagingTablesDown(schema: string): string[] {
  assertSchemaName(schema);
  return [`DROP TABLE IF EXISTS "${schema}".outbox`, `DROP TABLE IF EXISTS "${schema}".processed_messages`];
}

/**
 * A TypeORM migration class for a service's messaging tables. TypeORM reads
 * the timestamp from the last 13 digits of the name.
 */
export function createMessagingTablesMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  if (!/^\d{13}$/.test(String(timestamp))) throw new Error('timestamp must be milliseconds since the epoch (13 digits)');
  const name = `MessagingTables${schema.replace(/_/g, '')}${timestamp}`;
  return class MessagingTablesMigration implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const sql of messagingTablesUp(schema)) await queryRunner.query(sql);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const sql of messagingTablesDown(schema)) await queryRunner.query(sql);
    }
  };
}
