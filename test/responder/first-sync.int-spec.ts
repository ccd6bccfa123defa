import { KnowledgeReadiness } from '../../apps/ai-responder/src/knowledge/knowledge-readiness.service';
import { ResponderWorld } from './responder-fixtures';

describe('a question asked while the first knowledge sync runs', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_first_sync');
  }, 60_000);

  afterAll(() => world?.stop());

  const setRuns = (state: string) =>
    world.db.query(
      `UPDATE responder.knowledge_sync_runs SET state = $2, lease_until = CASE WHEN $2 = 'running' THEN now() + interval '1 hour' END
        WHERE org_id = $1`,
      [world.orgId, state],
    );

  it('waits for the sync and is then answered from the knowledge, not handed off as uncovered', async () => {
    // As right after connect: the only sync is still running (the articles it is writing are already there).
    await setRuns('running');
    expect(await world.get(KnowledgeReadiness).awaitingFirstSync(world.orgId, world.integrationId)).toBe(true);
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const requestId = await world.requestReply(conversationId, messageId);

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(world.capture.messages.filter((m) => m.routingKey.startsWith('ai.') && m.body.messageId === `${requestId}:outcome`)).toEqual([]);
    expect(world.repliesIn(conversationId)).toHaveLength(0);

    await setRuns('succeeded');
    const outcome = await world.outcomeOf(requestId, 15_000);
    expect(outcome.routingKey).toBe('ai.replied');
    expect(world.repliesIn(conversationId)).toHaveLength(1);
    expect(world.commentsIn(conversationId)).toHaveLength(0);
  }, 30_000);

  it('remembers a succeeded sync: later syncs running do not hold answers', async () => {
    await setRuns('running');
    expect(await world.get(KnowledgeReadiness).awaitingFirstSync(world.orgId, world.integrationId)).toBe(false);
    await setRuns('succeeded');
  });
});
