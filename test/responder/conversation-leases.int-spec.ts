import { randomUUID } from 'node:crypto';
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

  it('keeps the lease held when the transaction that gave it up rolls back', async () => {
    const lease = await acquire('cnv_lease_rollback');
    await expect(
      world.db.transaction(async (manager) => {
        await leases.release(lease, manager);
        throw new Error('the outcome could not be written');
      }),
    ).rejects.toThrow('the outcome could not be written');
    expect(lease.released).toBe(false);
    const rows = await world.db.query(`SELECT holder FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $2`, [
      world.orgId, 'cnv_lease_rollback',
    ]);
    expect(rows).toEqual([{ holder: lease.holder }]);
    await leases.release(lease);
    expect(lease.released).toBe(true);
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
