import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@front-agent/testing';
import type { AmqpContext } from '../consuming/amqp-context';
import type { EventHandlerExtras } from '../consuming/event-delivery-processor';
import { MessagePublisher } from '../publishing/message-publisher';
import {
  integrationChanged,
  migrate,
  queryDatabase,
  startTestService,
  type TestService,
  waitFor,
} from '../testing/messaging-test-kit';
import { inboxKeyOf, type InboxOutcome, type InboxStore } from './inbox-store';
import { transactionScope } from './transaction-scope';

const SCHEMA = 'inbox_svc';
const outcomes: Array<{ consumer: string; messageId: string; duplicate: boolean }> = [];

/** Records what the real inbox decided. */
function observed(inbox: InboxStore): InboxStore {
  return {
    async runOnce<T>(consumer: string, messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>> {
      const outcome = await inbox.runOnce(consumer, messageId, work);
      outcomes.push({ consumer, messageId, duplicate: outcome.duplicate });
      return outcome;
    },
  };
}

@Controller()
class EffectHandlers {
  @EventPattern('integration.updated')
  async recordEffect(@Payload() message: IntegrationChangedV1): Promise<void> {
    await writeEffect(message, 'updated');
  }

  @EventPattern('integration.connected')
  async writeThenFailFirstTime(@Payload() message: IntegrationChangedV1, @Ctx() context: AmqpContext): Promise<void> {
    await writeEffect(message, `attempt ${context.getAttempt()}`);
    if (context.getAttempt() === 1) throw new Error('failed after writing');
  }

  @EventPattern('integration.disconnected', { inbox: false } satisfies EventHandlerExtras)
  async idempotentByItself(@Payload() message: IntegrationChangedV1): Promise<void> {
    if (transactionScope.manager()) throw new Error('an inbox-free handler ran in an inbox transaction');
    await queryDatabase(database.url, `INSERT INTO ${SCHEMA}.effects (message_id, org_id, note) VALUES ($1, $2, 'no inbox')`, [
      message.messageId,
      message.orgId,
    ]);
  }
}

let database: TestDatabase;

async function writeEffect(message: IntegrationChangedV1, note: string): Promise<void> {
  const manager = transactionScope.manager();
  if (!manager) throw new Error('handler ran outside the inbox transaction');
  await manager.query(`INSERT INTO ${SCHEMA}.effects (message_id, org_id, note) VALUES ($1, $2, $3)`, [
    message.messageId,
    message.orgId,
    note,
  ]);
}

describe('idempotent inbox', () => {
  let broker: TestBroker;
  let service: TestService;

  beforeAll(async () => {
    [broker, database] = await Promise.all([createTestBroker('inbox'), createTestDatabase('inbox')]);
    await migrate(database.url, SCHEMA, [
      `CREATE TABLE ${SCHEMA}.effects (message_id text NOT NULL, org_id text NOT NULL, note text NOT NULL)`,
    ]);
    service = await startTestService({
      serviceName: 'inbox-svc',
      amqpUrl: broker.url,
      database: { url: database.url, schema: SCHEMA },
      handlers: [EffectHandlers],
      consumer: { retryDelaysMs: [50] },
      wrapInbox: observed,
    });
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([broker.drop(), database.drop()]);
  });

  const effectsOf = (messageId: string): Promise<Array<{ note: string }>> =>
    queryDatabase(database.url, `SELECT note FROM ${SCHEMA}.effects WHERE message_id = $1`, [messageId]);

  it('changes the database once when the same messageId is delivered twice', async () => {
    const message = integrationChanged();
    const publisher = service.app.get(MessagePublisher);
    await publisher.publish('integration.updated', message);
    await publisher.publish('integration.updated', { ...message, correlationId: 'second-copy' });

    await waitFor(() => outcomes.filter((o) => o.messageId.endsWith(`:${message.messageId}`)).length === 2, 5_000, 'both copies');

    expect(outcomes.filter((o) => o.messageId.endsWith(`:${message.messageId}`)).map((o) => o.duplicate).sort()).toEqual([
      false,
      true,
    ]);
    expect(await effectsOf(message.messageId)).toEqual([{ note: 'updated' }]);
    const inboxRows = await queryDatabase(
      database.url,
      `SELECT consumer FROM ${SCHEMA}.processed_messages WHERE message_id = $1`,
      [inboxKeyOf(message.orgId, message.messageId)],
    );
    expect(inboxRows).toEqual([{ consumer: 'inbox-svc:integration.updated' }]);
  });

  it('processes the same messageId once per organisation (two orgs on one Front company get the same event ids)', async () => {
    const message = integrationChanged();
    const otherOrg = { ...message, orgId: 'org_2', correlationId: 'other-org' };
    const publisher = service.app.get(MessagePublisher);
    await publisher.publish('integration.updated', message);
    await publisher.publish('integration.updated', otherOrg);

    await waitFor(() => outcomes.filter((o) => o.messageId.endsWith(`:${message.messageId}`)).length === 2, 5_000, 'both orgs');
    expect(outcomes.filter((o) => o.messageId.endsWith(`:${message.messageId}`)).map((o) => o.duplicate)).toEqual([false, false]);
  });

  it('rolls back the handler writes with the inbox row when the handler throws, so the retry writes once', async () => {
    const message = integrationChanged({ change: 'connected' });
    await service.app.get(MessagePublisher).publish('integration.connected', message);

    await waitFor(
      () => outcomes.some((o) => o.messageId.endsWith(`:${message.messageId}`) && !o.duplicate),
      5_000,
      'the successful retry',
    );

    expect(await effectsOf(message.messageId)).toEqual([{ note: 'attempt 2' }]);
  });

  it('runs a handler declared `inbox: false` on every delivery, with no inbox row and no transaction', async () => {
    const message = integrationChanged({ change: 'disconnected' });
    const publisher = service.app.get(MessagePublisher);
    await publisher.publish('integration.disconnected', message);
    await publisher.publish('integration.disconnected', { ...message, correlationId: 'second-copy' });

    await waitFor(async () => (await effectsOf(message.messageId)).length === 2, 5_000, 'both deliveries handled');
    expect(outcomes.filter((o) => o.messageId.endsWith(`:${message.messageId}`))).toEqual([]);
    const inboxRows = await queryDatabase(database.url, `SELECT consumer FROM ${SCHEMA}.processed_messages WHERE message_id = $1`, [
      inboxKeyOf(message.orgId, message.messageId),
    ]);
    expect(inboxRows).toEqual([]);
  });
});
