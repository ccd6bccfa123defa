import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { AmqpTransport } from './amqp-transport';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagePublisher } from '../publishing/message-publisher';
import { integrationChanged, openProbe, sleep, startTestService, waitFor } from '../testing/messaging-test-kit';
import { serviceQueues } from '../topology/topology';

const started: string[] = [];
const finished: string[] = [];

@Controller()
class SlowHandler {
  @EventPattern('integration.updated')
  async handleSlowly(@Payload() message: IntegrationChangedV1): Promise<void> {
    started.push(message.messageId);
    await sleep(400);
    finished.push(message.messageId);
  }
}

@Injectable()
class HookCounter implements OnModuleInit, OnApplicationBootstrap {
  static calls: string[] = [];
  onModuleInit(): void {
    HookCounter.calls.push('init');
  }
  onApplicationBootstrap(): void {
    HookCounter.calls.push('bootstrap');
  }
}

describe('graceful shutdown', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await createTestBroker('shutdown');
  });

  afterAll(async () => {
    await broker.drop();
  });

  it('stops consuming, lets the running handler finish and ack, then closes', async () => {
    const service = await startTestService({
      serviceName: 'shutdown-svc',
      amqpUrl: broker.url,
      handlers: [SlowHandler],
      providers: [HookCounter],
    });
    const message = integrationChanged();
    await service.app.get(MessagePublisher).publish('integration.updated', message);
    await waitFor(() => started.includes(message.messageId), 5_000, 'the handler to start');

    await service.close();

    expect(finished).toEqual([message.messageId]);
    // connectAmqpTransport defers the microservice; the app's hooks must still run once.
    expect(HookCounter.calls).toEqual(['init', 'bootstrap']);
    expect(service.transport).toBeInstanceOf(AmqpTransport);
    expect(service.transport?.isConnected()).toBe(false);
    const connection = new BrokerConnection({ url: broker.url, connectionName: 'test:after-close' });
    await new MessagePublisher(connection).publish('integration.updated', integrationChanged());
    await connection.close();
    const probe = await openProbe(broker.url);
    const { messageCount, consumerCount } = await probe.channel.checkQueue(serviceQueues('shutdown-svc').events);
    await probe.close();
    // The first message was acked; the one published after close waits for the next consumer.
    expect({ messageCount, consumerCount }).toEqual({ messageCount: 1, consumerCount: 0 });
  });
});
