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
