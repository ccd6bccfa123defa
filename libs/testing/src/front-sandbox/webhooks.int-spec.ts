import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient } from './test-support/http-client';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './test-support/webhook-receiver';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- webhook bodies are asserted field by field

const appSignature = (secret: string, webhook: ReceivedWebhook) =>
  createHmac('sha256', secret).update(`${webhook.headers['x-front-request-timestamp']}:${webhook.rawBody}`, 'utf8').digest('base64');
const ruleSignature = (secret: string, webhook: ReceivedWebhook) =>
  createHmac('sha1', secret).update(webhook.rawBody, 'utf8').digest('base64');

describe('Front sandbox webhooks', () => {
  let sandbox: FrontSandbox;
  let receiver: WebhookReceiver;
  let secrets: { appSecret: string; companyApiSecret: string };

  beforeAll(async () => {
    sandbox = await startFrontSandbox();
    secrets = sandbox.control.state().secrets;
  });

  beforeEach(async () => {
    sandbox.control.reset();
    receiver = await startWebhookReceiver();
  });

  afterEach(() => receiver.close());
  afterAll(() => sandbox.close());

  const janeWrites = (text = 'I <3 your app, but how do I reset my password?') =>
    sandbox.control.customerMessage({ channel: 'email', handle: 'jane@example.com', name: 'Jane', text });

  it('sends application webhooks in the signed envelope, over the raw bytes Front sends', async () => {
    sandbox.control.configureWebhook({ url: receiver.url, format: 'application' });
    const { conversationId, messageId } = janeWrites();
    await sandbox.control.idle();

    const [webhook] = receiver.received;
    expect(webhook.headers['x-front-request-timestamp']).toMatch(/^\d{13}$/);
    expect(webhook.headers['x-front-signature']).toBe(appSignature(secrets.appSecret, webhook));
    expect(webhook.rawBody).toContain('\\u003c3'); // escaped like Front's bodies: verify the raw bytes
    const body = webhook.body as Json;
    expect(body).toMatchObject({ type: 'inbound_received', authorization: { id: 'cmp_sandbox' } });
    expect(body.payload).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'inbound',
      emitted_at: expect.any(Number),
      conversation: { id: conversationId, status: 'unassigned', recipient: { handle: 'jane@example.com', role: 'from' } },
      source: { _meta: { type: 'inboxes' }, data: [{ id: 'inb_support', address: 'support@sandbox-co.test', type: 'smtp' }] },
      target: { _meta: { type: 'message' }, data: { id: messageId, is_inbound: true, author: null } },
    });
    expect(body.payload.target.data.recipients[0]).toMatchObject({ handle: 'jane@example.com', role: 'from' });
  });

  it('names reply, archive, assignment and tag webhooks, with no target on conversation-level events', async () => {
    sandbox.control.configureWebhook({ url: receiver.url, format: 'application' });
    const { conversationId } = janeWrites();
    const api = apiClient(sandbox.url);
    await api.post(`/conversations/${conversationId}/messages`, { body: 'Settings → Security', author_id: 'tea_ai' });
    await sandbox.control.idle();
    sandbox.control.assign(conversationId, 'tea_bob');
    await api.post(`/conversations/${conversationId}/tags`, { tag_ids: ['tag_urgent'] });
    sandbox.control.reopen(conversationId);
    await sandbox.control.idle();

    const seen = receiver.received.map((w) => [(w.body as Json).type, (w.body as Json).payload.type]);
    expect(seen).toEqual([
      ['inbound_received', 'inbound'],
      ['outbound_sent', 'out_reply'],
      ['conversation_archived', 'archive'],
      ['assignee_changed', 'assign'],
      ['tag_added', 'tag'],
      ['conversation_reopened', 'reopen'],
    ]);
    const archived = receiver.received[2].body as Json;
    expect(archived.payload).not.toHaveProperty('target');
    expect(archived.payload.conversation.status).toBe('archived');
    const assigned = receiver.received[3].body as Json;
    expect(assigned.payload.source).toMatchObject({ _meta: { type: 'teammate' }, data: { id: 'tea_alice' } });
    expect(assigned.payload.target).toMatchObject({ _meta: { type: 'teammate' }, data: { id: 'tea_bob' } });
  });

  it('sends rule webhooks as the bare event signed with the company API secret, or as a preview', async () => {
    sandbox.control.configureWebhook({ url: receiver.url, format: 'rule' });
    janeWrites();
    await sandbox.control.idle();
    const [full] = receiver.received;
    expect(full.headers['x-front-signature']).toBe(ruleSignature(secrets.companyApiSecret, full));
    expect(full.headers['x-front-request-timestamp']).toBeUndefined();
    expect(full.body).toMatchObject({ type: 'inbound', target: { data: { body: expect.stringContaining('<p>') } } });

    sandbox.control.configureWebhook({ url: receiver.url, format: 'rule', preview: true });
    janeWrites('Again');
    await sandbox.control.idle();
    const preview = receiver.received[1].body as Json;
    expect(preview.conversation).toEqual({ _links: expect.any(Object), id: expect.stringMatching(/^cnv_/) });
    expect(preview.target.data).toEqual({ _links: expect.any(Object), id: expect.stringMatching(/^msg_/) });
    expect(preview.source.data).toEqual([{ _links: expect.any(Object), id: 'inb_support' }]);
  });

  it('retries a failed application delivery up to 3 times, but not a rule delivery', async () => {
    sandbox.control.addWebhook({ url: receiver.url, format: 'application', retryDelaysMs: [10, 20, 30] });
    receiver.answerWith(500, 502);
    const { eventId } = janeWrites();
    await sandbox.control.idle();
    const attempts = sandbox.control.webhookDeliveries().filter((d) => d.eventId === eventId);
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 502], [3, 200]]);
    expect(attempts.every((d) => d.durationMs >= 0)).toBe(true);

    sandbox.control.configureWebhook({ url: receiver.url, format: 'rule' });
    receiver.answerWith(500);
    const second = janeWrites('Second');
    await sandbox.control.idle();
    expect(sandbox.control.webhookDeliveries().filter((d) => d.eventId === second.eventId).map((d) => d.status)).toEqual([500]);
  });

  it('gives up after 4 attempts when the receiver cannot be reached', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    sandbox.control.configureWebhook({ url: closed.url, format: 'application', retryDelaysMs: [5] });
    janeWrites();
    await sandbox.control.idle();
    const attempts = (await apiClient(sandbox.url, null).get('/_sandbox/webhook-deliveries')).body;
    expect(attempts.map((d: Json) => [d.attempt, d.status])).toEqual([[1, null], [2, null], [3, null], [4, null]]);
    expect(attempts[0].error).toEqual(expect.any(String));
  });

  it('gives a receiver that does not answer its timeout, then reuses one kept-alive connection for the next webhooks', async () => {
    const sockets: Socket[] = [];
    const silent = createServer(() => undefined).on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    sandbox.control.configureWebhook({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, format: 'rule', timeoutMs: 200 });
    janeWrites();
    await sandbox.control.idle();
    const [timedOut] = sandbox.control.webhookDeliveries();
    expect([timedOut.status, timedOut.error]).toEqual([null, 'TimeoutError']);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(190);
    sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));

    receiver.received.length = 0;
    sandbox.control.configureWebhook({ url: receiver.url, format: 'rule' });
    janeWrites('One');
    janeWrites('Two');
    janeWrites('Three');
    await sandbox.control.idle();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((webhook) => webhook.remotePort)).size).toBe(1);
  });

  it('sends one webhook at a time by default, or up to `concurrency` at once', async () => {
    const arrivals: number[] = [];
    const slow = createServer((request, response) => {
      arrivals.push(Date.now());
      request.resume();
      setTimeout(() => response.end('ok'), 150);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const spread = async (concurrency?: number): Promise<number> => {
      arrivals.length = 0;
      sandbox.control.configureWebhook({ url, format: 'rule', ...(concurrency ? { concurrency } : {}) });
      for (const text of ['One', 'Two', 'Three', 'Four']) janeWrites(text);
      await sandbox.control.idle();
      expect(arrivals).toHaveLength(4);
      return Math.max(...arrivals) - Math.min(...arrivals);
    };
    try {
      expect(await spread()).toBeGreaterThanOrEqual(3 * 140);
      expect(await spread(4)).toBeLessThan(140);
      expect(() => sandbox.control.configureWebhook({ url, format: 'rule', concurrency: 0 })).toThrow('concurrency must be an integer from 1 to 64');
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('sends the signed sync challenge and records whether it was echoed', async () => {
    const control = apiClient(sandbox.url, null);
    await control.put('/_sandbox/webhook', { url: receiver.url, format: 'application' });
    const [result] = (await control.post('/_sandbox/webhook/challenge', {})).body;
    const [sync] = receiver.received;
    expect(sync.body).toEqual({ type: 'sync', authorization: { id: 'cmp_sandbox' } });
    expect(sync.headers['x-front-signature']).toBe(appSignature(secrets.appSecret, sync));
    expect(result).toMatchObject({ challenge: sync.headers['x-front-challenge'], status: 200, echoed: true });

    receiver.answerWith(500);
    const [refused] = await sandbox.control.challengeWebhook();
    expect(refused).toMatchObject({ status: 500, echoed: false });
  });

  it('keeps private-inbox events out of application webhooks but not out of rule webhooks', async () => {
    const rules = await startWebhookReceiver();
    sandbox.control.addWebhook({ url: receiver.url, format: 'application' });
    sandbox.control.addWebhook({ url: rules.url, format: 'rule' });
    sandbox.control.customerMessage({ channelId: 'cha_private', handle: 'friend@example.com', text: 'Private note' });
    await sandbox.control.idle();
    expect(receiver.received).toHaveLength(0);
    expect(rules.received).toHaveLength(1);
    await rules.close();
  });

  it('can deliver duplicates for chaos tests', async () => {
    sandbox.control.configureWebhook({ url: receiver.url, format: 'application', duplicateRate: 1, reorder: true, reorderWindowMs: 20 });
    const { eventId } = janeWrites();
    await sandbox.control.idle();
    const ids = receiver.received.map((w) => (w.body as Json).payload.id);
    expect(ids).toEqual([eventId, eventId]);
    expect(sandbox.control.webhookDeliveries().map((d) => d.duplicate).sort()).toEqual([false, true]);
  });
});
