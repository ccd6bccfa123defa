import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { brokerAdmin, createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@front-agent/testing';
import { inboxKeyOf } from '../inbox/inbox-store';
import { transactionScope } from '../inbox/transaction-scope';
import { BrokerHealth } from '../nest/broker-health';
import { MessagePublisher } from '../publishing/message-publisher';
import {
  integrationChanged,
  migrate,
  openProbe,
  queryDatabase,
  queueStats,
  sleep,
  startTestService,
  type TestService,
  waitFor,
} from '../testing/messaging-test-kit';
import { serviceQueues } from '../topology/topology';

const SCHEMA = 'reconnect_svc';
const received: string[] = [];
let slowHandlerStarted = false;

@Controller()
class Handlers {
  @EventPattern('integration.updated')
  async record(@Payload() message: IntegrationChangedV1): Promise<void> {
    received.push(message.messageId);
  }

  /** Slow on purpose, so the connection drops while it runs. */
  @EventPattern('integration.connected')
  async recordSlowly(@Payload() message: IntegrationChangedV1): Promise<void> {
    slowHandlerStarted = true;
    await sleep(400);
    await transactionScope
      .manager()
      ?.query(`INSERT INTO ${SCHEMA}.effects (message_id) VALUES ($1)`, [message.messageId]);
  }
}

describe('after the broker drops every connection', () => {
  const queues = serviceQueues('reconnect-svc');
  const retryQueue = queues.retry(100);
  let broker: TestBroker;
  let database: TestDatabase;
  let service: TestService;

  beforeAll(async () => {
    [broker, database] = await Promise.all([createTestBroker('reconnect'), createTestDatabase('reconnect')]);
    await migrate(database.url, SCHEMA, [`CREATE TABLE ${SCHEMA}.effects (message_id text NOT NULL)`]);
    service = await startTestService({
      serviceName: 'reconnect-svc',
      amqpUrl: broker.url,
      database: { url: database.url, schema: SCHEMA },
      handlers: [Handlers],
      consumer: { retryDelaysMs: [100] },
    });
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([broker.drop(), database.drop()]);
  });

  it('publishes again once reconnected, the consumer resumes and the topology is re-asserted', async () => {
    const publisher = service.app.get(MessagePublisher);
    const before = integrationChanged();
    await publisher.publish('integration.updated', before);
    await waitFor(() => received.includes(before.messageId), 5_000, 'the first message');
    const probe = await openProbe(broker.url);
    await probe.channel.deleteQueue(retryQueue);
    await probe.close();

    await brokerAdmin.closeAllConnections(broker.vhost);
    const after = integrationChanged();
    await publisher.publish('integration.updated', after);

    await waitFor(() => received.includes(after.messageId), 5_000, 'the message published after the drop');
    const probeAgain = await openProbe(broker.url);
    await expect(probeAgain.channel.checkQueue(retryQueue)).resolves.toMatchObject({ queue: retryQueue });
    await probeAgain.close();
    await waitFor(() => service.app.get(BrokerHealth).isBrokerConnected(), 5_000, 'readiness');
  });

  it('redelivers a message whose handler was running during the drop and applies it once', async () => {
    const message = integrationChanged({ change: 'connected' });
    await service.app.get(MessagePublisher).publish('integration.connected', message);
    await waitFor(() => slowHandlerStarted, 5_000, 'the slow handler');

    await brokerAdmin.closeAllConnections(broker.vhost);
    const processed = (): Promise<unknown[]> =>
      queryDatabase(database.url, `SELECT 1 FROM ${SCHEMA}.processed_messages WHERE message_id = $1`, [inboxKeyOf(message.orgId, message.messageId)]);
    await waitFor(async () => (await processed()).length === 1, 5_000, 'the inbox row');

    // The stale delivery's ack must not reach the new channel (it would close it with 406):
    // a later message is still consumed.
    await sleep(500);
    const later = integrationChanged();
    await service.app.get(MessagePublisher).publish('integration.updated', later);
    await waitFor(() => received.includes(later.messageId), 5_000, 'a message after the redelivery');
    const effects = await queryDatabase(database.url, `SELECT 1 FROM ${SCHEMA}.effects WHERE message_id = $1`, [
      message.messageId,
    ]);
    expect(effects).toHaveLength(1);
    const probe = await openProbe(broker.url);
    const { messageCount } = await probe.channel.checkQueue(queues.events);
    await probe.close();
    expect(messageCount).toBe(0);
  });

  it('re-creates its queue and resumes consuming when the queue is deleted under it', async () => {
    const probe = await openProbe(broker.url);
    await probe.channel.deleteQueue(queues.events);
    await probe.close();

    await waitFor(
      async () => (await queueStats(broker.url, queues.events))?.consumerCount === 1,
      10_000,
      'the consumer on a re-created queue',
    );
    const message = integrationChanged();
    await service.app.get(MessagePublisher).publish('integration.updated', message);
    await waitFor(() => received.includes(message.messageId), 5_000, 'a message on the re-created queue');
  });
});
