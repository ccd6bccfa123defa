import { inboundEnvelope, postWebhook, startIngressSystem } from './ingress-harness';

type System = Awaited<ReturnType<typeof startIngressSystem>>;

describe('webhook-ingress', () => {
  let s: System;

  beforeAll(async () => {
    s = await startIngressSystem('ingress');
  });

  afterAll(async () => {
    await s.capture.close();
    await s.system.stop();
  });

  /** Runs `act`, then checks that nothing was published to front.events. */
  async function publishesNothing(act: () => Promise<void>): Promise<void> {
    const before = s.capture.messages.length;
    await act();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.capture.messages.slice(before)).toEqual([]);
  }

  it('publishes a customer message sent by the sandbox as front.inbound, with its fields', async () => {
    const { conversationId, messageId } = s.system.sandbox.control.customerMessage({
      channel: 'email',
      handle: 'sam@customer.test',
      name: 'Sam',
      text: 'How do I reset my password?',
      subject: 'Password',
      assigneeId: 'tea_ai',
    });
    await s.capture.waitFor((messages) => messages.some((m) => m.body.conversationId === conversationId && m.routingKey === 'front.inbound'));
    const event = s.capture.messages.find((m) => m.body.conversationId === conversationId)!;
    expect(event.messageId).toBe(event.body.frontEventId);
    expect(event.body).toMatchObject({
      orgId: s.org.orgId,
      integrationId: s.integrationId,
      type: 'inbound',
      deliveredBy: 'application',
      assigneeId: 'tea_ai',
      frontMessageId: messageId,
      direction: 'inbound',
      channel: 'email',
      author: { kind: 'contact', handle: 'sam@customer.test' },
      text: 'How do I reset my password?',
      isPreview: false,
    });
    expect(typeof event.body.emittedAt).toBe('number');
  });

  it('publishes teammate replies, assignment and archive with their routing keys', async () => {
    const { conversationId } = s.system.sandbox.control.customerMessage({ channel: 'chat', handle: 'chat-user-1', text: 'hi' });
    s.system.sandbox.control.assign(conversationId, 'tea_alice');
    s.system.sandbox.control.teammateReply({ conversationId, teammateId: 'tea_alice', text: 'Hello!' });
    s.system.sandbox.control.assign(conversationId, null);
    s.system.sandbox.control.archive(conversationId);
    const expected = ['front.inbound', 'front.assign', 'front.out_reply', 'front.unassign', 'front.archive'];
    await s.capture.waitFor((messages) => messages.filter((m) => m.body.conversationId === conversationId).length >= expected.length);
    const events = s.capture.messages.filter((m) => m.body.conversationId === conversationId);
    const keys = events.map((m) => m.routingKey);
    expect(keys).toEqual(expect.arrayContaining(['front.inbound', 'front.assign', 'front.unassign', 'front.archive']));
    expect(keys.some((key) => key === 'front.out_reply' || key === 'front.outbound')).toBe(true);
    const reply = events.find((m) => m.routingKey === 'front.out_reply' || m.routingKey === 'front.outbound')!;
    expect(reply.body).toMatchObject({ direction: 'outbound', author: { kind: 'teammate', teammateId: 'tea_alice' }, channel: 'web' });
    expect(events.find((m) => m.routingKey === 'front.assign')!.body.assigneeId).toBe('tea_alice');
    expect(events.find((m) => m.routingKey === 'front.unassign')!.body.assigneeId).toBeNull();
  });

  it('accepts rule webhooks signed with the company API secret', async () => {
    s.system.sandbox.control.configureWebhook({ url: s.webhookUrl, format: 'rule' });
    const { conversationId } = s.system.sandbox.control.customerMessage({ channel: 'sms', handle: '+15550001', text: 'rule hello' });
    await s.capture.waitFor((messages) => messages.some((m) => m.body.conversationId === conversationId));
    const event = s.capture.messages.find((m) => m.body.conversationId === conversationId)!;
    expect(event.body).toMatchObject({ deliveredBy: 'rule', type: 'inbound', channel: 'sms' });
    s.system.sandbox.control.configureWebhook({ url: s.webhookUrl, format: 'application' });
  });

  it("answers Front's challenge with the value it sent", async () => {
    const [result] = await s.system.sandbox.control.challengeWebhook();
    expect(result).toMatchObject({ echoed: true });
    const direct = await postWebhook(s.webhookUrl, JSON.stringify({ type: 'sync', authorization: { id: 'cmp_sandbox' } }), {
      secret: s.secrets.appSecret,
      headers: { 'x-front-challenge': 'abc123' },
    });
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.body)).toEqual({ challenge: 'abc123' });
  });

  it.each([
    ['a wrong secret', () => postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_bad1')), { secret: 'wrong' }), 401],
    ['no signature', () => postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_bad2'))), 401],
    [
      'a tampered body',
      async () => {
        const body = JSON.stringify(inboundEnvelope('evt_bad3'));
        const { signApplicationWebhook } = await import('@front-agent/front-client');
        const headers = signApplicationWebhook({ rawBody: Buffer.from(body), secret: s.secrets.appSecret });
        return postWebhook(s.webhookUrl, body.replace('hello', 'HELLO'), { headers });
      },
      401,
    ],
    [
      'a replayed old request',
      () => postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_bad4')), { secret: s.secrets.appSecret, timestampMs: Date.now() - 10 * 60_000 }),
      401,
    ],
    ['an unknown key', () => postWebhook(s.webhookUrl.replace(/[^/]+$/, 'not-a-key'), JSON.stringify(inboundEnvelope('evt_bad5')), { secret: s.secrets.appSecret }), 404],
    ['malformed JSON', () => postWebhook(s.webhookUrl, '{"type": "inbound_received", ', { secret: s.secrets.appSecret }), 400],
    ['a JSON array', () => postWebhook(s.webhookUrl, '[1,2]', { secret: s.secrets.appSecret }), 400],
    [
      'a wrong content type',
      () => postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_bad6')), { secret: s.secrets.appSecret, headers: { 'content-type': 'text/plain' } }),
      415,
    ],
    [
      'a body over 1 MiB',
      () => postWebhook(s.webhookUrl, JSON.stringify({ ...inboundEnvelope('evt_bad7'), padding: 'x'.repeat(1024 * 1024) }), { secret: s.secrets.appSecret }),
      413,
    ],
  ])('refuses %s and publishes nothing', async (_name, send, status) => {
    await publishesNothing(async () => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body).error.code).toEqual(expect.any(String));
    });
  });

  it('acknowledges an event type it does not use, and drops it', async () => {
    const envelope = inboundEnvelope('evt_link1');
    envelope.type = 'link_added';
    envelope.payload.type = 'link_added';
    await publishesNothing(async () => {
      const response = await postWebhook(s.webhookUrl, JSON.stringify(envelope), { secret: s.secrets.appSecret });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ ignored: 'unhandled_type' });
    });
  });

  it('acknowledges a signed event of a type it does not use even without a payload it could read', async () => {
    await publishesNothing(async () => {
      const body = JSON.stringify({ type: 'conversation_snoozed', authorization: { id: 'cmp_1' } });
      const response = await postWebhook(s.webhookUrl, body, { secret: s.secrets.appSecret });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ ignored: 'unhandled_type' });
    });
  });

  it('answers 200 and drops everything while the integration is disabled', async () => {
    await s.system.api(s.org.adminKey, 'PATCH', '/v1/integrations/front', { enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await publishesNothing(async () => {
      const response = await postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_off1')), { secret: s.secrets.appSecret });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ ignored: 'disabled' });
    });
    await s.system.api(s.org.adminKey, 'PATCH', '/v1/integrations/front', { enabled: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const response = await postWebhook(s.webhookUrl, JSON.stringify(inboundEnvelope('evt_on1')), { secret: s.secrets.appSecret });
    expect(response.status).toBe(200);
    await s.capture.waitFor((messages) => messages.some((m) => m.messageId === 'evt_on1'));
  });

  it('leaves other methods on the webhook path to the HTTP server, which answers 404 and publishes nothing', async () => {
    await publishesNothing(async () => {
      const response = await fetch(s.webhookUrl, { method: 'GET' });
      expect(response.status).toBe(404);
    });
    expect((await fetch(`${s.system.urlOf('webhook-ingress')}/health/live`)).status).toBe(200);
  });

  it('exposes received, rejected, published and publish-latency metrics', async () => {
    const metrics = await (await fetch(`${s.system.urlOf('webhook-ingress')}/metrics`)).text();
    expect(metrics).toMatch(/webhook_received_total\{[^}]*outcome="published"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_rejected_total\{[^}]*reason="bad_signature"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_published_total\{[^}]*type="inbound"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_publish_seconds_count\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_rejected_total\{[^}]*reason="unsupported_media_type"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_rejected_total\{[^}]*reason="payload_too_large"[^}]*\} [1-9]/);
  });
});
