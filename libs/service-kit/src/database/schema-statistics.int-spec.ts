import { DataSource } from 'typeorm';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { serviceDataSourceOptions } from './data-source';
import { PreparedStatement } from './prepared-statement';
import { SchemaStatisticsKeeper } from './schema-statistics';

const SCHEMA = 'kept';

describe('SchemaStatisticsKeeper', () => {
  let database: TestDatabase;
  let db: DataSource;
  let keeper: SchemaStatisticsKeeper;

  beforeAll(async () => {
    database = await createTestDatabase('schema_statistics');
    // One connection: the prepared statement's plan is that connection's.
    db = new DataSource({ ...serviceDataSourceOptions({ url: database.url, schema: SCHEMA, entities: [], migrations: [] }), extra: { max: 1 } });
    await db.initialize();
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    // The shape of sync.sessions: wide rows, a unique key and other indexes that also start with org_id.
    const wide = Array.from({ length: 20 }, (_, index) => `detail_${index} text`).join(', ');
    await db.query(`CREATE TABLE ${SCHEMA}.sessions (id text PRIMARY KEY, org_id text NOT NULL, conversation_id text NOT NULL,
      status text NOT NULL, first_inbound_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now(), ${wide}, UNIQUE (org_id, conversation_id))`);
    await db.query(`CREATE INDEX sessions_org_first_inbound ON ${SCHEMA}.sessions (org_id, first_inbound_at)`);
    await db.query(`CREATE INDEX sessions_org_status ON ${SCHEMA}.sessions (org_id, status, updated_at DESC)`);
    await db.query(`CREATE TABLE ${SCHEMA}.quiet (id int PRIMARY KEY)`);
    keeper = new SchemaStatisticsKeeper(db, SCHEMA);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const addSessions = (from: number, to: number) =>
    db.query(`INSERT INTO ${SCHEMA}.sessions (id, org_id, conversation_id, status, first_inbound_at)
              SELECT 'ses_' || g, 'org_1', 'cnv_' || g, 'open', now() FROM generate_series($1::int, $2::int) g`, [from, to]);
  /** Table statistics reach pg_stat_user_tables within about a second of the commit. */
  const analyzedOnceDue = async (force: boolean): Promise<string[]> => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const analyzed = await keeper.analyzeDue(force);
      if (analyzed.length > 0) return analyzed;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [];
  };
  const planOf = async (statement: PreparedStatement, params: unknown[]): Promise<string> => {
    const rows: Array<{ 'QUERY PLAN': string }> = await db.query(`EXPLAIN EXECUTE ${statement.name}(${params.map((value) => `'${String(value)}'`).join(', ')})`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };

  it('analyzes the tables past autovacuum\'s threshold, and the prepared lookup then uses the unique key', async () => {
    await addSessions(1, 5);
    const lookup = new PreparedStatement(`SELECT id FROM ${SCHEMA}.sessions WHERE org_id = $1 AND conversation_id = $2`);
    for (let run = 0; run < 6; run += 1) expect(await lookup.run(db, ['org_1', 'cnv_1'])).toEqual([{ id: 'ses_1' }]);
    await addSessions(6, 2_000);

    expect(await analyzedOnceDue(true)).toEqual(['sessions']);
    const [{ analyzed }]: Array<{ analyzed: boolean }> = await db.query(
      `SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'quiet'`,
      [SCHEMA],
    );
    expect(analyzed).toBe(false);
    expect(await planOf(lookup, ['org_1', 'cnv_1500'])).toMatch(/Index (Only )?Scan using sessions_org_id_conversation_id_key[\s\S]*Index Cond: \(\(org_id = .*\) AND \(conversation_id = /);
    expect(await lookup.run(db, ['org_1', 'cnv_1500'])).toEqual([{ id: 'ses_1500' }]);
    expect(await keeper.analyzeDue(true)).toEqual([]);
  });

  it('leaves the tables to autovacuum when autovacuum is on', async () => {
    const [{ autovacuum }]: Array<{ autovacuum: string }> = await db.query(`SELECT current_setting('autovacuum') AS autovacuum`);
    await addSessions(2_001, 2_400);
    const analyzed = await analyzedOnceDue(false);
    expect(analyzed).toEqual(autovacuum === 'off' ? ['sessions'] : []);
  });
});
