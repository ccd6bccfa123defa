import { Client } from 'pg';
import * as amqp from 'amqplib';
import { baseAmqpUrl, baseDatabaseUrl, HOW_TO_START_SERVICES } from './infra-urls';
import { startContainersIfRequested } from './containers';

/** Jest global setup: fail the run early, with instructions, when the servers are down. */
export default async function globalSetup(): Promise<void> {
  await startContainersIfRequested();
  const problems: string[] = [];
  const pg = new Client({ connectionString: adminUrl(baseDatabaseUrl()), connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('select 1');
  } catch (error) {
    problems.push(`PostgreSQL at ${redact(baseDatabaseUrl())} is not reachable: ${(error as Error).message}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  try {
    const connection = await amqp.connect(baseAmqpUrl(), { timeout: 3000 });
    await connection.close();
  } catch (error) {
    problems.push(`RabbitMQ at ${redact(baseAmqpUrl())} is not reachable: ${(error as Error).message}`);
  }
  if (problems.length > 0) {
    throw new Error(`${problems.join('\n')}\n${HOW_TO_START_SERVICES}`);
  }
}

function adminUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
