import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { isSchemaReachable, migrateServiceSchema, serviceDataSourceOptions } from './data-source';
import { SchemaStatisticsKeeper } from './schema-statistics';
import { SERVICE_SCHEMA } from './schema-token';

export { SERVICE_SCHEMA };

@Injectable()
class MigrateOnStart implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_SCHEMA) private readonly schema: string,
  ) {}

  onModuleInit(): Promise<void> {
    return migrateServiceSchema(this.dataSource, this.schema);
  }
}

/** Readiness of the service's own schema. */
@Injectable()
export class DatabaseReadiness {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_SCHEMA) private readonly schema: string,
  ) {}

  isSchemaReachable(): Promise<boolean> {
    return isSchemaReachable(this.dataSource, this.schema);
  }
}

export interface DatabaseModuleOptions {
  url: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** The service's TypeORM connection to its own schema; migrations run before the app starts, statistics kept while it runs. */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot(serviceDataSourceOptions(options))],
      providers: [{ provide: SERVICE_SCHEMA, useValue: options.schema }, MigrateOnStart, DatabaseReadiness, SchemaStatisticsKeeper],
      exports: [TypeOrmModule, DatabaseReadiness, SERVICE_SCHEMA],
    };
  }
}

export { getDataSourceToken };

/** The /health/ready probe of a service's database schema. */
export const databaseReadiness = { name: 'database', inject: DatabaseReadiness, isUp: (db: DatabaseReadiness) => db.isSchemaReachable() };
