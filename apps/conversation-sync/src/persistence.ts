import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { SYNC_SCHEMA } from './config';

export const SYNC_ENTITIES = [];

export const SYNC_MIGRATIONS = [createMessagingTablesMigration(SYNC_SCHEMA, 1764000000001)];

/** The `sync` schema: entities and migrations of conversation-sync. */
export function syncDatabase(url: string) {
  return DatabaseModule.forService({ url, schema: SYNC_SCHEMA, entities: SYNC_ENTITIES, migrations: SYNC_MIGRATIONS });
}
