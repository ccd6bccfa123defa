/** `npm run migrate`: applies every service's migrations to its own schema (services also do it on start). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DatabaseEnv, ensureDatabaseExists, loadConfig, migrateServiceSchema, serviceDataSourceOptions } from '@front-agent/service-kit';
import { RESPONDER_ENTITIES, RESPONDER_MIGRATIONS } from '../apps/ai-responder/src/persistence';
import { RESPONDER_SCHEMA } from '../apps/ai-responder/src/config';
import { SYNC_ENTITIES, SYNC_MIGRATIONS } from '../apps/conversation-sync/src/persistence';
import { SYNC_SCHEMA } from '../apps/conversation-sync/src/config';
import { SETTINGS_ENTITIES, SETTINGS_MIGRATIONS, SETTINGS_SCHEMA } from '../apps/integration-settings/src/persistence';

const SCHEMAS = [
  { schema: SETTINGS_SCHEMA, entities: SETTINGS_ENTITIES, migrations: SETTINGS_MIGRATIONS },
  { schema: SYNC_SCHEMA, entities: SYNC_ENTITIES, migrations: SYNC_MIGRATIONS },
  { schema: RESPONDER_SCHEMA, entities: RESPONDER_ENTITIES, migrations: RESPONDER_MIGRATIONS },
];

async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig(DatabaseEnv);
  await ensureDatabaseExists(DATABASE_URL);
  for (const { schema, entities, migrations } of SCHEMAS) {
    const dataSource = await new DataSource(serviceDataSourceOptions({ url: DATABASE_URL, schema, entities, migrations })).initialize();
    await migrateServiceSchema(dataSource, schema);
    const applied: Array<{ name: string }> = await dataSource.query(`SELECT name FROM "${schema}"."${schema}_migrations" ORDER BY id`);
    console.log(`${schema}: ${applied.length} migration(s) applied (${applied.map((row) => row.name).join(', ')})`);
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`migrate failed: ${error.message}`);
  process.exit(1);
});
