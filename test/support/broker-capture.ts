import * as amqp from 'amqplib';

/** Every message published to the product's exchanges, captured by a test queue. */
export class BrokerCapture {
  readonly messages: Array<{ routingKey: string; messageId?: string; body: Record<string, unknown> }> = [];

  private constructor(private readonly connection: amqp.ChannelModel) {}

  static async start(amqpUrl: string, pattern = '#'): Promise<BrokerCapture> {
    const connection = await amqp.connect(amqpUrl);
    const capture = new BrokerCapture(connection);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    for (const exchange of ['front.events', 'agent.events']) {
      await channel.assertExchange(exchange, 'topic', { durable: true });
      await channel.bindQueue(queue, exchange, pattern);
    }
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        capture.messages.push({
          routingKey: message.fields.routingKey,
          messageId: message.properties.messageId as string | undefined,
          body: JSON.parse(message.content.toString()) as Record<string, unknown>,
        });
      },
      { noAck: true },
    );
    return capture;
  }

  withKey(prefix: string) {
    return this.messages.filter((message) => message.routingKey.startsWith(prefix));
  }

  /** Waits until `predicate` holds over the captured messages. */
  async waitFor(predicate: (messages: BrokerCapture['messages']) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; captured: ${this.messages.map((m) => m.routingKey).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
