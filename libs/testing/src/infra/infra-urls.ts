/** Where tests find PostgreSQL and RabbitMQ: the env, else the local servers. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/front_agent';
export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

export function baseAmqpUrl(): string {
  return process.env.AMQP_URL ?? DEFAULT_AMQP_URL;
}

export const HOW_TO_START_SERVICES = [
  'Tests need a real PostgreSQL and RabbitMQ.',
  '  PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  '  RabbitMQ:   rabbitmq-server -detached',
  'or point DATABASE_URL / AMQP_URL at running servers, or set TESTCONTAINERS=1 where a Docker engine runs.',
].join('\n');
