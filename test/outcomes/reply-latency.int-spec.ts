import { randomUUID } from 'node:crypto';
import type { AiOutcomeV1 } from '@front-agent/contracts';
import { MessagePublisher } from '@front-agent/messaging';
import { SyncSystem } from '../sync/sync-harness';

describe('reply latency: webhook received to reply accepted by Front', () => {
  let s: SyncSystem;

  beforeAll(async () => {
    s = await SyncSystem.start('reply-latency');
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  it('is a per-channel histogram in /metrics and p50/p95 of the last 24 h on the status page, a report counted once', async () => {
    const { conversationId, messageId } = s.sandbox.customerMessage({ channel: 'email', handle: 'latency@customer.test', text: 'hello', assigneeId: 'tea_ai' });
    await s.settle();
    const session = await s.session(conversationId);
    const [{ received_at: receivedAt }] = await s.syncDb.query('SELECT received_at FROM sync.transcript_entries WHERE front_message_id = $1', [messageId]);
    expect(receivedAt).toBeInstanceOf(Date);
    const replied: AiOutcomeV1 = {
      messageId: randomUUID(),
      orgId: s.org.orgId,
      correlationId: randomUUID(),
      occurredAt: new Date(receivedAt.getTime() + 2_500).toISOString(),
      version: 1,
      outcome: 'replied',
      sessionId: session.id,
      integrationId: s.integrationId,
      conversationId,
      triggerMessageId: messageId,
      answeredMessageIds: [messageId],
    };
    await s.system.appOf('integration-settings').get(MessagePublisher).publish('ai.replied', replied);
    await s.waitUntil(async () => (await s.timeline(session.id)).some((entry) => entry.kind === 'ai'));
    // The same report again (a redelivery), then another one: the first is applied once, observed once.
    const publisher = s.system.appOf('integration-settings').get(MessagePublisher);
    await publisher.publish('ai.replied', replied);
    await publisher.publish('ai.failed', { ...replied, messageId: randomUUID(), outcome: 'failed', reason: 'marker' });
    const status = () => s.system.api(s.org.adminKey, 'GET', '/v1/integrations/front/status');
    await s.waitUntil(async () => (await s.timeline(session.id)).some((entry) => entry.summary.startsWith('AI failed')));
    await s.waitUntil(async () => (await status()).body.ai.failuresLast24h === 1);
    expect((await status()).body.ai.repliesLast24h).toBe(1);
    expect((await s.timeline(session.id)).filter((entry) => entry.summary === 'AI replied')).toHaveLength(1);

    const metrics = await (await fetch(`${s.system.urlOf('conversation-sync')}/metrics`)).text();
    expect(metrics).toMatch(/front_agent_reply_latency_seconds_count\{service="conversation-sync",channel="email"\} 1/);
    expect(metrics).toMatch(/front_agent_reply_latency_seconds_bucket\{le="2",service="conversation-sync",channel="email"\} 0/);
    expect(metrics).toMatch(/front_agent_reply_latency_seconds_bucket\{le="3",service="conversation-sync",channel="email"\} 1/);

    expect((await status()).body.sessions.replyLatencyLast24h).toEqual({ replies: 1, p50Ms: 2500, p95Ms: 2500 });
  });
});
