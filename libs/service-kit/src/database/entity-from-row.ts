import { type EntityManager, type ObjectLiteral } from 'typeorm';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/**
 * An entity from a raw row of its table (`RETURNING *`, `SELECT *`): column
 * names to properties, through the columns' transformers. For hot paths where
 * a hand-written statement saves a round trip or TypeORM's query building.
 */
export function entityFromRow<T extends ObjectLiteral>(manager: EntityManager, target: new () => T, row: Record<string, unknown>): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = manager.create(target);
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    column.setEntityValue(entity, column.transformer ? ApplyValueTransformers.transformFrom(column.transformer, value) : value);
  }
  return entity;
}

/**
 * The SET list of an UPDATE writing every loaded column of `entity` but its
 * key and creation date (the update date becomes now()), through the columns'
 * transformers, with parameters numbered from `$firstParameter`.
 */
export function entityUpdateSet<T extends ObjectLiteral>(
  manager: EntityManager,
  target: new () => T,
  entity: T,
  firstParameter: number,
): { set: string; values: unknown[] } {
  const metadata = manager.connection.getMetadata(target);
  const assignments: string[] = [];
  const values: unknown[] = [];
  for (const column of metadata.columns) {
    if (column.isPrimary || column.isCreateDate) continue;
    if (column.isUpdateDate) {
      assignments.push(`"${column.databaseName}" = now()`);
      continue;
    }
    const value: unknown = column.getEntityValue(entity);
    if (value === undefined) continue;
    values.push(column.transformer ? ApplyValueTransformers.transformTo(column.transformer, value) : value);
    assignments.push(`"${column.databaseName}" = $${firstParameter + values.length - 1}`);
  }
  return { set: assignments.join(', '), values };
}

const columnLists = new WeakMap<object, Map<string, string>>();

/**
 * The entity's columns as a select list (`"a", "b"`, or `t."a", t."b"` with an
 * alias), for prepared statements: unlike `*`, the list does not change when a
 * migration adds a column, so a statement prepared before it keeps its result
 * type (PostgreSQL refuses a cached plan whose result type changed).
 */
export function entityColumns<T extends ObjectLiteral>(manager: EntityManager, target: new () => T, alias = ''): string {
  const byAlias = columnLists.get(target) ?? new Map<string, string>();
  columnLists.set(target, byAlias);
  let list = byAlias.get(alias);
  if (!list) {
    const prefix = alias ? `${alias}.` : '';
    list = manager.connection.getMetadata(target).columns.map((column) => `${prefix}"${column.databaseName}"`).join(', ');
    byAlias.set(alias, list);
  }
  return list;
}
