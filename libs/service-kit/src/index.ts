import 'reflect-metadata';
/** Config read once and validated at boot. */
export * from './config/load-config';
/** Env classes shared by the services (DATABASE_URL, AMQP_URL, LOG_LEVEL, ENCRYPTION_KEY…). */
export * from './config/common-env';
/** AES-256-GCM sealing of secrets with versioned keys. */
export * from './crypto/secret-box';
/** TypeORM data source per service schema, migrations, readiness. */
export * from './database/data-source';
export * from './database/database.module';
export * from './database/entity-from-row';
export * from './database/prepared-statement';
/** ANALYZE of the service's schema when autovacuum is off. */
export * from './database/schema-statistics';
/** /health/live and /health/ready. */
export * from './health/health.module';
/** /metrics with prom-client. */
export * from './metrics/metrics.module';
/** pino JSON logs with correlation ids and redaction. */
export * from './logging/logging.module';
/** Nest-on-Fastify app creation and process entry. */
export * from './bootstrap/service-app';
/** Logs, metrics and health in one import. */
export * from './bootstrap/service-core.module';
