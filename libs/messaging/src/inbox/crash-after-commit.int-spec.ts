import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@front-agent/testing';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagePublisher } from '../publishing/message-publisher';
import { effectsTableSql, EffectWriter, effectWriterCalls } from '../testing/effect-writer.handler';
import {
  integrationChanged,
  migrate,
  openProbe,
  queryDatabase,
  startTestService,
  waitFor,
} from '../testing/messaging-test-kit';
import { serviceQueues } from '../topology/topology';
import type { InboxOutcome, InboxStore } from './inbox-store';

const SERVICE = 'crash-svc';
const REPO_ROOT = join(__dirname, '../../../..');

function startCrashingConsumer(broker: TestBroker, database: TestDatabase): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, '../testing/crash-after-commit.consumer.ts')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, AMQP_URL: broker.url, DATABASE_URL: database.url, SERVICE_NAME: SERVICE },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

describe('a consumer killed after its transaction committed, before the ack', () => {
  let broker: TestBroker;
  let database: TestDatabase;

  beforeAll(async () => {
    [broker, database] = await Promise.all([createTestBroker('crash'), createTestDatabase('crash')]);
    await migrate(database.url, EffectWriter.schema, [effectsTableSql(EffectWriter.schema)]);
  });

  afterAll(async () => {
    await Promise.all([broker.drop(), database.drop()]);
  });

  it('produces no second effect: the broker redelivers, the restarted consumer sees a duplicate and acks', async () => {
    const child = startCrashingConsumer(broker, database);
    const exited = once(child, 'exit');
    await waitFor(() => child.stdout?.read()?.toString().includes('ready'), 20_000, 'the child consumer');

    const connection = new BrokerConnection({ url: broker.url, connectionName: 'test:publisher' });
    const message = integrationChanged({ orgId: 'org_crash' });
    await new MessagePublisher(connection).publish('integration.updated', message);
    await connection.close();

    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    const effects = (): Promise<unknown[]> =>
      queryDatabase(database.url, `SELECT 1 FROM ${EffectWriter.schema}.effects WHERE message_id = $1`, [message.messageId]);
    expect(await effects()).toHaveLength(1);

    const outcomes: boolean[] = [];
    const restarted = await startTestService({
      serviceName: SERVICE,
      amqpUrl: broker.url,
      database: { url: database.url, schema: EffectWriter.schema },
      handlers: [EffectWriter],
      wrapInbox: (inbox: InboxStore): InboxStore => ({
        async runOnce<T>(consumer: string, messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>> {
          const outcome = await inbox.runOnce(consumer, messageId, work);
          outcomes.push(outcome.duplicate);
          return outcome;
        },
      }),
    });
    await waitFor(() => outcomes.length > 0, 10_000, 'the redelivery');
    await restarted.close();

    expect(outcomes).toEqual([true]);
    expect(effectWriterCalls).toEqual([]);
    expect(await effects()).toHaveLength(1);
    const probe = await openProbe(broker.url);
    const { messageCount } = await probe.channel.checkQueue(serviceQueues(SERVICE).events);
    await probe.close();
    expect(messageCount).toBe(0);
  });
});
