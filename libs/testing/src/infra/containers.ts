/**
 * With TESTCONTAINERS=1 and a Docker engine that answers, start PostgreSQL and
 * RabbitMQ containers and point DATABASE_URL / AMQP_URL at them. Otherwise the
 * env (or the local servers) is used as it is.
 */
export async function startContainersIfRequested(): Promise<void> {
  if (process.env.TESTCONTAINERS !== '1') return;
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
  const postgres = await new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start();
  const rabbit = await new RabbitMQContainer('rabbitmq:3.10-management').start();
  process.env.DATABASE_URL = postgres.getConnectionUri();
  process.env.AMQP_URL = rabbit.getAmqpUrl();
  const globals = globalThis as { __FRONT_AGENT_CONTAINERS__?: unknown[] };
  globals.__FRONT_AGENT_CONTAINERS__ = [postgres, rabbit];
}
