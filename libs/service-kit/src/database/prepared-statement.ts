import { createHash } from 'node:crypto';

/** What runs a statement: a TypeORM EntityManager, DataSource or QueryRunner. */
export interface QueryExecutor {
  query(query: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * A statement PostgreSQL parses once per connection and may plan once (a
 * named prepared statement), for the statements every message runs: parsing
 * and planning them again on each call cost more PostgreSQL time than running
 * them. PostgreSQL plans the first five calls for their values, then keeps a
 * generic plan only where it looks no costlier, so a statement whose best
 * plan depends on the values (a full-text search) stays correct; measure its
 * latency before and after all the same (npm run bench:knowledge).
 *
 * Behind a transaction-pooling PgBouncer, prepared statements need its
 * `max_prepared_statements` (PgBouncer 1.21 and later).
 */
export class PreparedStatement {
  private static readonly built = new Map<string, PreparedStatement>();
  readonly name: string | undefined;

  constructor(
    readonly text: string,
    prepare = true,
  ) {
    this.name = prepare ? `fa_${createHash('sha256').update(text).digest('hex').slice(0, 24)}` : undefined;
  }

  /**
   * The statement for a text built at run time (a few variants at most). Each
   * connection keeps what it prepared until it closes: past MAX_BUILT texts,
   * further ones run unprepared.
   */
  static of(text: string): PreparedStatement {
    const known = PreparedStatement.built.get(text);
    if (known) return known;
    const statement = new PreparedStatement(text, PreparedStatement.built.size < MAX_BUILT);
    if (statement.name) PreparedStatement.built.set(text, statement);
    return statement;
  }

  /** node-postgres takes a `{ name, text }` query config where TypeORM passes a query string through. */
  run<T>(executor: QueryExecutor, parameters: unknown[]): Promise<T> {
    if (!this.name) return executor.query(this.text, parameters) as Promise<T>;
    const config = { name: this.name, text: this.text };
    return executor.query(config as unknown as string, parameters) as Promise<T>;
  }
}

const MAX_BUILT = 64;
