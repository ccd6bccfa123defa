import { AGENT_EVENTS_EXCHANGE, InvalidMessageError } from '@front-agent/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { BrokerConnection } from '../connection/broker-connection';
import { BrokerUnavailableError } from '../messaging-errors';
import { integrationChanged, openProbe, takeMessages } from '../testing/messaging-test-kit';
import { MessagePublisher } from './message-publisher';

describe('MessagePublisher', () => {
  let broker: TestBroker;
  let connection: BrokerConnection;
  let publisher: MessagePublisher;

  beforeAll(async () => {
    broker = await createTestBroker('publisher');
    connection = new BrokerConnection({ url: broker.url, connectionName: 'test:publisher' });
    publisher = new MessagePublisher(connection, { confirmTimeoutMs: 5_000 });
  });

  afterAll(async () => {
    await connection.close();
    await broker.drop();
  });

  it('resolves after the confirm and the message reaches a bound queue with its envelope in properties', async () => {
    const probe = await openProbe(broker.url);
    await probe.channel.assertExchange(AGENT_EVENTS_EXCHANGE, 'topic', { durable: true });
    const { queue } = await probe.channel.assertQueue('', { exclusive: true });
    await probe.channel.bindQueue(queue, AGENT_EVENTS_EXCHANGE, 'integration.*');
    const message = integrationChanged({ orgId: 'org_acme' });

    await publisher.publish('integration.updated', message);

    const [received] = await takeMessages(probe.channel, queue, 1);
    expect(JSON.parse(received.content.toString())).toMatchObject({ messageId: message.messageId, change: 'updated' });
    expect(received.fields.routingKey).toBe('integration.updated');
    expect(received.properties).toMatchObject({
      messageId: message.messageId,
      correlationId: message.correlationId,
      contentType: 'application/json',
      deliveryMode: 2,
      headers: { 'x-org-id': 'org_acme', 'x-schema-version': 1 },
    });
    await probe.close();
  });

  it('refuses a message that breaks its contract, naming the field, before it reaches the broker', async () => {
    const publishing = publisher.publish('integration.updated', integrationChanged({ orgId: '' }));
    await expect(publishing).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(publishing).rejects.toThrow(/orgId/);
  });

  it('rejects with BrokerUnavailableError when the broker cannot be reached within the confirm timeout', async () => {
    const unreachable = new BrokerConnection({ url: 'amqp://guest:guest@127.0.0.1:1', connectionName: 'test:nowhere' });
    const lonely = new MessagePublisher(unreachable, { confirmTimeoutMs: 300 });
    const started = Date.now();
    await expect(lonely.publish('integration.updated', integrationChanged())).rejects.toBeInstanceOf(
      BrokerUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    await unreachable.close();
  });
});
