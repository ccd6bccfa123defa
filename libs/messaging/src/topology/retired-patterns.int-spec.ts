import { FRONT_EVENTS_EXCHANGE, type IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { connect } from 'amqplib';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { startTestService } from '../testing/messaging-test-kit';

@Controller()
class FrontEventsHandler {
  @EventPattern('front.*', { inbox: false })
  async onFrontEvent(): Promise<void> {}
}

@Controller()
class IntegrationHandler {
  @EventPattern('integration.*')
  async onIntegration(@Payload() _message: IntegrationChangedV1): Promise<void> {}
}

describe('retired event patterns', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await createTestBroker('retired');
  });

  afterAll(async () => {
    await broker.drop();
  });

  /** Messages a Front event leaves in the service's queue while nothing consumes it. */
  async function frontEventsQueued(): Promise<number> {
    const connection = await connect(broker.url);
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(FRONT_EVENTS_EXCHANGE, 'front.inbound', Buffer.from('{}'));
      await channel.waitForConfirms();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { messageCount } = await channel.checkQueue('retire-svc.events');
      await channel.purgeQueue('retire-svc.events');
      return messageCount;
    } finally {
      await connection.close();
    }
  }

  it('removes the binding an earlier version of the service left on its queue', async () => {
    const earlier = await startTestService({ serviceName: 'retire-svc', amqpUrl: broker.url, handlers: [FrontEventsHandler] });
    await earlier.close();
    expect(await frontEventsQueued()).toBe(1);

    const upgraded = await startTestService({
      serviceName: 'retire-svc', amqpUrl: broker.url, handlers: [IntegrationHandler], consumer: { retiredPatterns: ['front.*'] },
    });
    await upgraded.close();
    expect(await frontEventsQueued()).toBe(0);
  });
});
