import { AGENT_EVENTS_EXCHANGE, InvalidMessageError } from '@front-agent/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@front-agent/testing';
import { DataSource } from 'typeorm';
import { MessagePublisher } from '../publishing/message-publisher';
import {
  integrationChanged,
  migrate,
  openProbe,
  queryDatabase,
  sleep,
  startTestService,
  type TestMessage,
  type TestService,
  waitFor,
} from '../testing/messaging-test-kit';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

const SCHEMA = 'outbox_svc';

describe('transactional outbox', () => {
  let broker: TestBroker;
  let database: TestDatabase;
  let service: TestService;
  let rivalRelay: OutboxRelay;
  let probe: Awaited<ReturnType<typeof openProbe>>;
  const published: string[] = [];

  beforeAll(async () => {
    [broker, database] = await Promise.all([createTestBroker('outbox'), createTestDatabase('outbox')]);
    await migrate(database.url, SCHEMA);
    probe = await openProbe(broker.url);
    await probe.channel.assertExchange(AGENT_EVENTS_EXCHANGE, 'topic', { durable: true });
    const { queue } = await probe.channel.assertQueue('', { exclusive: true });
    await probe.channel.bindQueue(queue, AGENT_EVENTS_EXCHANGE, 'integration.*');
    await probe.channel.consume(queue, (message) => message && published.push(message.properties.messageId), {
      noAck: true,
    });
    service = await startTestService({
      serviceName: 'outbox-svc',
      amqpUrl: broker.url,
      database: { url: database.url, schema: SCHEMA },
      consume: false,
      // Long polls: only nudges publish quickly here.
      messaging: { outboxRelay: { pollIntervalMs: 60_000 } },
    });
    // A second replica relaying the same outbox.
    rivalRelay = new OutboxRelay(service.app.get(DataSource), SCHEMA, service.app.get(MessagePublisher), {
      pollIntervalMs: 60_000,
    });
    rivalRelay.start();
  });

  afterAll(async () => {
    await rivalRelay.stop();
    await service.close();
    await probe.close();
    await Promise.all([broker.drop(), database.drop()]);
  });

  const relays = (): OutboxRelay[] => [service.app.get(OutboxRelay), rivalRelay];
  const writeRowsDirectly = async (messages: TestMessage[]): Promise<void> => {
    for (const message of messages) {
      await queryDatabase(database.url, `INSERT INTO ${SCHEMA}.outbox (message_id, routing_key, payload) VALUES ($1, 'integration.updated', $2)`, [
        message.messageId,
        JSON.stringify(message),
      ]);
    }
  };
  const enqueueAll = (messages: TestMessage[], then: () => void = () => undefined): Promise<void> =>
    service.app.get(DataSource).transaction(async (manager) => {
      for (const message of messages) {
        await service.app.get(OutboxWriter).enqueue(manager, 'integration.updated', message);
      }
      then();
    });

  it('publishes the rows of a committed transaction exactly once and in order, from memory, while both relays poll', async () => {
    const messages = Array.from({ length: 20 }, () => integrationChanged());
    await enqueueAll(messages);
    relays().forEach((relay) => relay.nudge());

    await waitFor(() => published.length >= 20, 5_000, '20 messages');
    await waitFor(async () => (await queryDatabase(database.url, `SELECT id FROM ${SCHEMA}.outbox WHERE published_at IS NULL`)).length === 0, 5_000, 'all marked');
    await sleep(300);

    expect(published).toEqual(messages.map((m) => m.messageId));
  });

  it('marks messages confirmed moments apart published together, in one statement', async () => {
    published.length = 0;
    const messages = Array.from({ length: 3 }, () => integrationChanged());
    // Three transactions, each handing its message to the relay as it commits.
    await Promise.all(messages.map((message) => enqueueAll([message])));
    const ids = messages.map((m) => m.messageId);
    await waitFor(() => ids.every((id) => published.includes(id)), 5_000, '3 messages');

    const marked = await waitFor(async () => {
      const rows: Array<{ published_at: Date | null }> = await queryDatabase(database.url, `SELECT published_at FROM ${SCHEMA}.outbox WHERE message_id = ANY($1)`, [ids]);
      return rows.every((row) => row.published_at !== null) ? rows : undefined;
    }, 5_000, 'the marks');
    // now() is the statement's transaction start: one UPDATE gives all three the same instant.
    expect(new Set(marked!.map((row) => row.published_at!.getTime())).size).toBe(1);
  });

  it('publishes as soon as the enqueuing transaction commits, without waiting for a poll', async () => {
    published.length = 0;
    const message = integrationChanged();
    const committed = Date.now();
    await enqueueAll([message]);

    // Both relays poll once a minute: only the writer's commit hook can publish this in time.
    await waitFor(() => published.length === 1, 2_000, 'the publish after commit');
    expect(published).toEqual([message.messageId]);
    expect(Date.now() - committed).toBeLessThan(2_000);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    published.length = 0;
    const message = integrationChanged();
    await expect(
      enqueueAll([message], () => {
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    relays().forEach((relay) => relay.nudge());
    await sleep(300);

    expect(published).toEqual([]);
    const rows = await queryDatabase(database.url, `SELECT id FROM ${SCHEMA}.outbox WHERE message_id = $1`, [
      message.messageId,
    ]);
    expect(rows).toEqual([]);
  });

  it('refuses to enqueue a message that breaks its contract', async () => {
    await expect(enqueueAll([integrationChanged({ change: 'exploded' })])).rejects.toBeInstanceOf(InvalidMessageError);
  });

  it('has rows nobody published (a crashed writer) published by one relay, in id order, once they are older than the grace', async () => {
    published.length = 0;
    const messages = Array.from({ length: 20 }, () => integrationChanged());
    await writeRowsDirectly(messages);
    const polling = new OutboxRelay(service.app.get(DataSource), SCHEMA, service.app.get(MessagePublisher), { autoStart: false, pollGraceMs: 60_000 });
    expect(await polling.publishPending(60_000)).toBe(0);

    const counts = await Promise.all([...relays(), polling].map((relay) => relay.publishPending()));
    await waitFor(() => published.length >= 20, 5_000, '20 messages');
    await sleep(300);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(20);
    expect(published).toEqual(messages.map((m) => m.messageId));
  });

  it('polls: a row left behind is published once it is older than the grace, not before', async () => {
    published.length = 0;
    const poller = new OutboxRelay(service.app.get(DataSource), SCHEMA, service.app.get(MessagePublisher), { pollIntervalMs: 50, pollGraceMs: 700, autoStart: false });
    poller.start();
    await sleep(200); // its first pass (no grace at start) has run
    const message = integrationChanged();
    await writeRowsDirectly([message]);
    await sleep(300);
    expect(published).toEqual([]);
    await waitFor(() => published.length === 1, 3_000, 'the poll after the grace');
    await poller.stop();
    expect(published).toEqual([message.messageId]);
  });

  it('republishes a row whose "published" mark was lost with the same messageId, for the inbox to drop', async () => {
    published.length = 0;
    const message = integrationChanged();
    await enqueueAll([message]);
    relays()[0].nudge();
    await waitFor(() => published.length === 1, 5_000, 'the first publish');
    // The relay marks confirmed messages a moment after the confirm; clearing the mark before that would be undone by it.
    await waitFor(
      async () => (await queryDatabase(database.url, `SELECT 1 FROM ${SCHEMA}.outbox WHERE message_id = $1 AND published_at IS NOT NULL`, [message.messageId])).length === 1,
      5_000,
      'the published mark',
    );
    // As if the relay crashed after the confirm and before its commit.
    await queryDatabase(database.url, `UPDATE ${SCHEMA}.outbox SET published_at = NULL WHERE message_id = $1`, [
      message.messageId,
    ]);
    expect(await relays()[1].publishPending()).toBe(1);

    await waitFor(() => published.length === 2, 5_000, 'the republish');
    expect(published).toEqual([message.messageId, message.messageId]);
  });

  it('keeps a row whose publish failed pending, with its error, and marks the rest of the batch published', async () => {
    published.length = 0;
    const [good, bad] = [integrationChanged(), integrationChanged()];
    // Rows written directly: no writer hands them to the service's own relays.
    await writeRowsDirectly([good, bad]);
    const real = service.app.get(MessagePublisher);
    const refusing = {
      publishValidated: (routingKey: string, payload: object) =>
        (payload as TestMessage).messageId === bad.messageId ? Promise.reject(new Error('broker refused')) : real.publishValidated(routingKey, payload),
    } as MessagePublisher;
    const failingRelay = new OutboxRelay(service.app.get(DataSource), SCHEMA, refusing, { autoStart: false });

    expect(await failingRelay.publishPending()).toBe(1);
    await waitFor(() => published.length === 1, 5_000, 'the good row');
    const rows = await queryDatabase(database.url, `SELECT message_id, published_at IS NOT NULL AS published, publish_attempts, last_error FROM ${SCHEMA}.outbox WHERE message_id = ANY($1) ORDER BY id`, [
      [good.messageId, bad.messageId],
    ]);
    expect(rows).toEqual([
      { message_id: good.messageId, published: true, publish_attempts: 0, last_error: null },
      { message_id: bad.messageId, published: false, publish_attempts: 1, last_error: 'broker refused' },
    ]);

    expect(await relays()[0].publishPending()).toBe(1);
    await waitFor(() => published.length === 2, 5_000, 'the failed row on the next pass');
    expect(published).toEqual([good.messageId, bad.messageId]);
  });
});
