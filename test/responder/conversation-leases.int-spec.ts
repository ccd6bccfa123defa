import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '@front-agent/messaging';
import { AnswerJournalRepository, OUTCOME_FIRST_PARAMETER } from '../../apps/ai-responder/src/answering/answer-journal.repository';
import { ConversationLeases } from '../../apps/ai-responder/src/answering/conversation-leases';
import { ResponderWorld } from './responder-fixtures';

describe('conversation leases: one reply request at a time per conversation', () => {
  let world: ResponderWorld;
  let leases: ConversationLeases;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_lease');
    leases = world.get(ConversationLeases);
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
  });

  const acquire = async (conversationId: string, requestId = randomUUID()) => {
    const lease = await leases.acquire(world.orgId, conversationId, requestId);
    if (lease === 'processed') throw new Error('expected a lease');
    return lease;
  };

  it('makes a second request on the same conversation wait until the first gives the lease up', async () => {
    const first = await acquire('cnv_lease_wait');
    let secondAt = 0;
    const second = acquire('cnv_lease_wait').then((lease) => {
      secondAt = Date.now();
      return lease;
    });
    const other = await acquire('cnv_lease_other');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondAt).toBe(0);
    const releasedAt = Date.now();
    await leases.release(first);
    const lease = await second;
    expect(secondAt).toBeGreaterThanOrEqual(releasedAt);
    await Promise.all([leases.release(lease), leases.release(other)]);
  });

  it('lets a new request take over the lease of a holder that died, and the stalled holder learns it lost it', async () => {
    const stalled = await acquire('cnv_lease_expired');
    await world.db.query(
      `UPDATE responder.conversation_leases SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND conversation_id = $2`,
      [world.orgId, 'cnv_lease_expired'],
    );
    const successor = await acquire('cnv_lease_expired');
    expect(successor.holder).not.toBe(stalled.holder);
    expect(await leases.renew(stalled)).toBe(false);
    expect(stalled.held).toBe(false);
    expect(await leases.renew(successor)).toBe(true);
    expect(successor.held).toBe(true);
    await leases.release(stalled);
    expect(await leases.renew(successor)).toBe(true); // the stalled holder's release did not free the successor's lease
    await leases.release(successor);
  });

  it('records a decision, gives the lease up and queues the outcome in one statement, the outcome once', async () => {
    const lease = await acquire('cnv_lease_decide');
    const requestId = randomUUID();
    const record = {
      orgId: world.orgId, integrationId: world.integrationId, sessionId: 'ses_decide', conversationId: 'cnv_lease_decide',
      requestMessageId: requestId, triggerMessageId: 'msg_decide', outcome: 'skipped', reason: 'coalesced', answeredMessageIds: [],
      latencyMs: 5, trail: {},
    };
    const outcome = {
      messageId: `${requestId}:outcome`, orgId: world.orgId, correlationId: randomUUID(), occurredAt: new Date().toISOString(), version: 1,
      outcome: 'skipped', sessionId: 'ses_decide', integrationId: world.integrationId, conversationId: 'cnv_lease_decide',
      triggerMessageId: 'msg_decide', reason: 'coalesced', latencyMs: 5, answeredMessageIds: [], trail: {},
    };
    const outbox = world.get(OutboxWriter);
    const journal = world.get(AnswerJournalRepository);
    expect(await journal.decide(record, lease.holder, outbox.insertFor('ai.skipped', outcome, OUTCOME_FIRST_PARAMETER))).toBe(true);
    expect(await world.db.query(`SELECT 1 FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $2`, [world.orgId, 'cnv_lease_decide'])).toEqual([]);
    expect(await journal.decide(record, lease.holder, outbox.insertFor('ai.skipped', outcome, OUTCOME_FIRST_PARAMETER))).toBe(false);
    const queued = await world.db.query(`SELECT routing_key FROM responder.outbox WHERE message_id = $1`, [`${requestId}:outcome`]);
    expect(queued).toEqual([{ routing_key: 'ai.skipped' }]);
    const decisions = await world.db.query(`SELECT outcome FROM responder.decisions WHERE org_id = $1 AND request_message_id = $2`, [world.orgId, requestId]);
    expect(decisions).toEqual([{ outcome: 'skipped' }]);
  });

  it('answers "processed" for a request whose decision is recorded, without taking the lease', async () => {
    const { conversationId, messageId } = world.customerWrites('How long does shipping take?');
    const requestId = await world.requestReply(conversationId, messageId);
    expect((await world.outcomeOf(requestId)).routingKey).toBe('ai.replied');
    expect(await leases.acquire(world.orgId, conversationId, requestId)).toBe('processed');
    const [held] = await world.db.query(`SELECT count(*)::int AS n FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $2`, [
      world.orgId, conversationId,
    ]);
    expect(held.n).toBe(0);
  });

  it('leaves no lease behind once a request is decided', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    await world.outcomeOf(await world.requestReply(conversationId, messageId));
    const rows = await world.db.query(`SELECT holder FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $2`, [
      world.orgId, conversationId,
    ]);
    expect(rows).toEqual([]);
  });
});
