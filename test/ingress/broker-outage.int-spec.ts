import { startTcpProxy, TcpProxy } from '@front-agent/testing';
import { SystemHarness } from '../support/system-harness';
import { BrokerCapture } from '../support/broker-capture';
import { inboundEnvelope, postWebhook } from './ingress-harness';

describe('webhook-ingress while the broker is away', () => {
  let system: SystemHarness;
  let proxy: TcpProxy;
  let capture: BrokerCapture;
  let ingressUrl: string;
  let webhookUrl: string;

  beforeAll(async () => {
    system = await SystemHarness.start('outage');
    const broker = new URL(system.env.AMQP_URL!);
    proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port || 5672) });
    // Only the ingress reaches RabbitMQ through the proxy, so cutting it takes the broker from the ingress alone.
    ingressUrl = (await system.startService('webhook-ingress', { AMQP_URL: proxy.urlThrough(system.env.AMQP_URL!) })).url;
    await system.startService('integration-settings');
    const org = await system.createOrg();
    ({ webhookUrl } = await system.connectFront(org.adminKey));
    system.sandbox.control.configureWebhook({ url: webhookUrl, format: 'application', maxRetries: 8, retryDelaysMs: [500, 1000, 2000] });
    capture = await BrokerCapture.start(system.env.AMQP_URL!, 'front.#');
    // Warm the ingress' cache of the webhook key while the broker is there.
    system.sandbox.control.customerMessage({ channel: 'email', handle: 'warm@x.test', text: 'warm up' });
    await capture.waitFor((messages) => messages.length >= 1);
  });

  afterAll(async () => {
    await capture.close();
    await system.stop();
    await proxy.close();
  });

  it("answers 503 with retry-after, then publishes every retried event once the broker is back", async () => {
    proxy.cut();
    await waitUntil(async () => (await fetch(`${ingressUrl}/health/ready`)).status === 503);
    const sent = Array.from({ length: 5 }, (_, index) =>
      system.sandbox.control.customerMessage({ channel: 'email', handle: `outage${index}@x.test`, text: `message ${index}` }),
    );
    await waitUntil(() => system.sandbox.control.webhookDeliveries().some((attempt) => attempt.status === 503));
    const direct = await postWebhook(webhookUrl, JSON.stringify(inboundEnvelope('evt_direct_outage')), {
      secret: system.sandbox.control.state().secrets.appSecret,
    });
    expect(direct.status).toBe(503);
    expect(direct.headers.get('retry-after')).toBe('5');
    proxy.restore();
    const conversationIds = new Set(sent.map((message) => message.conversationId));
    await capture.waitFor((messages) => new Set(messages.map((m) => m.body.conversationId)).size >= conversationIds.size + 1, 30_000);
    const delivered = capture.messages.filter((m) => conversationIds.has(m.body.conversationId as string));
    const distinctEventIds = new Set(delivered.map((m) => m.messageId));
    expect(distinctEventIds.size).toBe(sent.length);
    // Duplicates may reach the broker (Front retries); each carries the Front event id as messageId, so consumers' inboxes dedupe.
    for (const message of delivered) expect(message.messageId).toBe(message.body.frontEventId);
  }, 60_000);
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
