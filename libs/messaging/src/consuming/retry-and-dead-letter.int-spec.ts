import { AGENT_EVENTS_EXCHANGE, type IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { MessagePublisher } from '../publishing/message-publisher';
import { serviceQueues } from '../topology/topology';
import { integrationChanged, openProbe, startTestService, takeMessages, type TestService, waitFor } from '../testing/messaging-test-kit';
import { AmqpContext } from './amqp-context';
import type { DeadLetter } from './event-delivery-processor';

class FrontDownError extends Error {
  readonly code = 'front_unreachable';
}

const failedAttempts: Array<{ attempt: number; at: number }> = [];
const handled: string[] = [];
const deadLetters: DeadLetter[] = [];

@Controller()
class IntegrationHandlers {
  @EventPattern('integration.updated')
  async alwaysFails(@Payload() _message: IntegrationChangedV1, @Ctx() context: AmqpContext): Promise<void> {
    failedAttempts.push({ attempt: context.getAttempt(), at: Date.now() });
    throw new FrontDownError('front is down');
  }

  @EventPattern('integration.connected')
  async succeeds(@Payload() message: IntegrationChangedV1): Promise<void> {
    handled.push(message.messageId);
  }
}

describe('retries and dead letters', () => {
  const queues = serviceQueues('retry-svc');
  let broker: TestBroker;
  let service: TestService;

  beforeAll(async () => {
    broker = await createTestBroker('retry');
    service = await startTestService({
      serviceName: 'retry-svc',
      amqpUrl: broker.url,
      handlers: [IntegrationHandlers],
      consumer: { retryDelaysMs: [100, 300, 900], maxAttempts: 4, onDeadLetter: (d) => void deadLetters.push(d) },
    });
  });

  afterAll(async () => {
    await service.close();
    await broker.drop();
  });

  it('redelivers a failing message through the retry queues with growing gaps, then dead-letters it with the error', async () => {
    const message = integrationChanged({ orgId: 'org_retry' });
    await service.app.get(MessagePublisher).publish('integration.updated', message);

    const probe = await openProbe(broker.url);
    const [dead] = await takeMessages(probe.channel, queues.dlq, 1);
    await probe.close();

    expect(failedAttempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    const gaps = failedAttempts.slice(1).map((a, i) => a.at - failedAttempts[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
    expect(gaps[2]).toBeGreaterThanOrEqual(850);
    expect(JSON.parse(dead.content.toString()).messageId).toBe(message.messageId);
    expect(dead.properties.messageId).toBe(message.messageId);
    expect(dead.properties.headers).toMatchObject({
      'x-death-reason': 'FrontDownError: front is down',
      'x-death-kind': 'handler_failed',
      'x-attempts': 4,
      'x-original-routing-key': 'integration.updated',
      'x-original-exchange': AGENT_EVENTS_EXCHANGE,
      'x-org-id': 'org_retry',
    });
    expect(deadLetters).toEqual([
      expect.objectContaining({
        service: 'retry-svc',
        queue: queues.events,
        routingKey: 'integration.updated',
        messageId: message.messageId,
        orgId: 'org_retry',
        error: 'FrontDownError: front is down',
        attempts: 4,
      }),
    ]);
  });

  it('dead-letters an invalid message with the reason at once and keeps consuming', async () => {
    const probe = await openProbe(broker.url);
    const invalid = integrationChanged({ connected: 'yes' });
    const publish = (content: Buffer): void => {
      probe.channel.publish(AGENT_EVENTS_EXCHANGE, 'integration.connected', content, { persistent: true });
    };
    publish(Buffer.from(JSON.stringify(invalid)));
    publish(Buffer.from('{not json'));
    const valid = integrationChanged();
    publish(Buffer.from(JSON.stringify(valid)));
    await probe.channel.waitForConfirms();

    const dead = await takeMessages(probe.channel, queues.dlq, 2);
    await waitFor(() => handled.includes(valid.messageId), 5_000, 'the valid message');
    await probe.close();

    const reasons = dead.map((m) => String(m.properties.headers?.['x-death-reason']));
    expect(reasons).toEqual([expect.stringMatching(/connected must be a boolean/), expect.stringMatching(/^unparseable JSON/)]);
    expect(dead.map((m) => m.properties.headers?.['x-death-kind'])).toEqual(['invalid_message', 'invalid_message']);
    expect(dead[0].properties.headers?.['x-attempts']).toBe(1);
    expect(handled).toEqual([valid.messageId]);
  });

  it('acks and drops a message that no handler matches', async () => {
    const probe = await openProbe(broker.url);
    await probe.channel.bindQueue(queues.events, AGENT_EVENTS_EXCHANGE, 'integration.disconnected');
    probe.channel.publish(
      AGENT_EVENTS_EXCHANGE,
      'integration.disconnected',
      Buffer.from(JSON.stringify(integrationChanged({ change: 'disconnected' }))),
    );
    await probe.channel.waitForConfirms();
    const marker = integrationChanged();
    probe.channel.publish(AGENT_EVENTS_EXCHANGE, 'integration.connected', Buffer.from(JSON.stringify(marker)));
    await probe.channel.waitForConfirms();
    await waitFor(() => handled.includes(marker.messageId), 5_000, 'the marker');
    await waitFor(async () => (await probe.channel.checkQueue(queues.events)).messageCount === 0, 5_000, 'an empty queue');
    const { messageCount: deadCount } = await probe.channel.checkQueue(queues.dlq);
    await probe.close();

    expect(deadCount).toBe(0);
  });
});
