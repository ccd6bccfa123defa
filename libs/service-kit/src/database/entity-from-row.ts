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
