import { Client } from 'pg';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The Postgres schema this service owns: `settings`, `sync` or `responder`. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** TypeORM options for one service's schema; never `synchronize`, migrations only. */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: `${options.schema}_migrations`,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: options.poolSize ?? 10, application_name: `front-agent-${options.schema}` },
  };
}

/** Creates the database named in the URL when it does not exist yet (first start). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error; // created meanwhile by another service
      });
    }
  } finally {
    await client.end();
  }
}

/** Creates the schema, then applies pending migrations, serialised across replicas by an advisory lock. */
export async function migrateServiceSchema(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`front-agent-migrate-${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`front-agent-migrate-${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/** True when the service's schema answers a query. */
export async function isSchemaReachable(dataSource: DataSource, schema: string): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  const rows: Array<{ present: boolean }> = await dataSource.query(
    'SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1) AS present',
    [schema],
  );
  return rows[0]?.present === true;
}
