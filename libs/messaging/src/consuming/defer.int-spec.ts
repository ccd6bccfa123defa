import { type IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { MessagePublisher } from '../publishing/message-publisher';
import { integrationChanged, startTestService, type TestService, waitFor } from '../testing/messaging-test-kit';
import { AmqpContext } from './amqp-context';
import { DeferDeliveryError } from './defer-delivery';
import type { DeadLetter } from './event-delivery-processor';

const seen: Array<{ attempt: number }> = [];
const deadLetters: DeadLetter[] = [];

@Controller()
class BudgetBoundHandlers {
  /** Waits for a budget five times, then succeeds: more than maxAttempts, never a failure. */
  @EventPattern('integration.updated')
  async waitsForBudget(@Payload() _message: IntegrationChangedV1, @Ctx() context: AmqpContext): Promise<void> {
    seen.push({ attempt: context.getAttempt() });
    if (seen.length <= 5) throw new DeferDeliveryError('front_budget', 50);
  }
}

describe('deferred deliveries', () => {
  let broker: TestBroker;
  let service: TestService;

  beforeAll(async () => {
    broker = await createTestBroker('defer');
    service = await startTestService({
      serviceName: 'defer-svc',
      amqpUrl: broker.url,
      handlers: [BudgetBoundHandlers],
      consumer: { retryDelaysMs: [100, 300], maxAttempts: 2, onDeadLetter: (d) => void deadLetters.push(d) },
    });
  });

  afterAll(async () => {
    await service.close();
    await broker.drop();
  });

  it('comes back after a deferral without using up attempts, and is handled in the end', async () => {
    await service.app.get(MessagePublisher).publish('integration.updated', integrationChanged({ orgId: 'org_defer' }));
    await waitFor(() => seen.length === 6, 10_000);
    expect(seen.map((entry) => entry.attempt)).toEqual([1, 1, 1, 1, 1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deadLetters).toEqual([]);
    expect(seen).toHaveLength(6);
  });
});
