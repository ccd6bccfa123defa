import { DataSource } from 'typeorm';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { serviceDataSourceOptions } from './data-source';
import { PreparedStatement } from './prepared-statement';

describe('PreparedStatement through TypeORM', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('prepared_statements');
    db = new DataSource({ ...serviceDataSourceOptions({ url: database.url, schema: 'public', entities: [], migrations: [] }), extra: { max: 1 } });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const preparedOnConnection = async (): Promise<string[]> =>
    (await db.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'fa\\_%'`)).map((row: { name: string }) => row.name);

  it('runs with parameters and is prepared once on the connection, inside and outside transactions', async () => {
    const statement = new PreparedStatement('SELECT $1::int + $2::int AS sum');
    expect(await statement.run(db, [1, 2])).toEqual([{ sum: 3 }]);
    expect(await db.transaction((manager) => statement.run(manager, [40, 2]))).toEqual([{ sum: 42 }]);
    expect(await preparedOnConnection()).toEqual([statement.name]);
  });

  it('reports a failing statement as TypeORM does, and the connection goes on working', async () => {
    const failing = new PreparedStatement('SELECT 1 / $1::int AS quotient');
    await expect(failing.run(db, [0])).rejects.toThrow(/division by zero/);
    expect(await failing.run(db, [1])).toEqual([{ quotient: 1 }]);
  });

  it('gives one statement per text built at run time, and runs texts past the limit unprepared', async () => {
    const texts = Array.from({ length: 70 }, (_, index) => `SELECT ${index} + $1::int AS n`);
    const statements = texts.map((text) => PreparedStatement.of(text));
    expect(PreparedStatement.of(texts[0])).toBe(statements[0]);
    expect(statements.filter((statement) => statement.name === undefined).length).toBeGreaterThan(0);
    const unprepared = statements.find((statement) => statement.name === undefined)!;
    const before = await preparedOnConnection();
    expect(await unprepared.run(db, [1])).toEqual([{ n: texts.indexOf(unprepared.text) + 1 }]);
    expect(await preparedOnConnection()).toEqual(before);
  });

  it('keeps working after a migration adds a column when it names its columns (a `*` statement would not)', async () => {
    await db.query('CREATE TABLE rolling (id int PRIMARY KEY, name text)');
    await db.query(`INSERT INTO rolling VALUES (1, 'one')`);
    const named = new PreparedStatement('SELECT "id", "name" FROM rolling WHERE id = $1');
    const starred = new PreparedStatement('SELECT * FROM rolling WHERE id = $1');
    expect(await named.run(db, [1])).toEqual([{ id: 1, name: 'one' }]);
    expect(await starred.run(db, [1])).toEqual([{ id: 1, name: 'one' }]);
    await db.query('ALTER TABLE rolling ADD COLUMN added_later text');
    expect(await named.run(db, [1])).toEqual([{ id: 1, name: 'one' }]);
    await expect(starred.run(db, [1])).rejects.toThrow(/cached plan must not change result type/);
  });
});
