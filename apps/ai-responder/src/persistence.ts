import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { RESPONDER_SCHEMA } from './config';

export const RESPONDER_ENTITIES = [];

export const RESPONDER_MIGRATIONS = [createMessagingTablesMigration(RESPONDER_SCHEMA, 1764000000001)];

/** The `responder` schema: entities and migrations of ai-responder. */
export function responderDatabase(url: string) {
  return DatabaseModule.forService({ url, schema: RESPONDER_SCHEMA, entities: RESPONDER_ENTITIES, migrations: RESPONDER_MIGRATIONS });
}
