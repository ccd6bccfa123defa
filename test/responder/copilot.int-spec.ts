import { randomUUID } from 'node:crypto';
import type { DraftCheckRequestedV1 } from '@front-agent/contracts';
import { MessagePublisher } from '@front-agent/messaging';
import { DraftFateService } from '../../apps/ai-responder/src/copilot/draft-fate.service';
import { ResponderWorld } from './responder-fixtures';

describe('copilot mode: the AI writes drafts for teammates', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_copilot');
    await world.updateControls({ replyMode: 'autopilot', replyModeByChannel: { email: 'copilot' } });
  }, 60_000);

  afterAll(() => world?.stop());

  const draftsIn = (conversationId: string) => world.sandbox.control.record().drafts.filter((draft) => draft.conversationId === conversationId);

  it('creates a shared draft by the AI teammate instead of replying, and a newer customer message replaces it', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?');
    const first = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(first.routingKey).toBe('ai.drafted');
    expect(first.body).toMatchObject({ outcome: 'drafted', draftId: expect.any(String), answeredMessageIds: [messageId] });
    expect((first.body.trail as Record<string, unknown>).replyMode).toBe('copilot');
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    const [created] = draftsIn(conversationId);
    expect(created).toMatchObject({ action: 'created', authorId: 'tea_ai' });
    const draft = await world.frontGet(`/messages/${first.body.draftId as string}`);
    expect(draft).toMatchObject({ draft_mode: 'shared', author: expect.objectContaining({ id: 'tea_ai' }) });
    expect(draft.body).toContain('Settings → Security → Reset password');

    const newer = world.customerWrites('Sorry, I meant: where do I reset my password?', { conversationId });
    const second = await world.outcomeOf(await world.requestReply(conversationId, newer.messageId));
    expect(second.body).toMatchObject({ outcome: 'drafted', answeredMessageIds: expect.arrayContaining([messageId, newer.messageId]) });
    expect((second.body.trail as Record<string, unknown>).draftsReplaced).toBe(1);
    expect(draftsIn(conversationId).map((d) => d.action)).toEqual(['created', 'deleted', 'created']);
    const [replaced] = await world.db.query(`SELECT fate FROM responder.copilot_drafts WHERE org_id = $1 AND draft_id = $2`, [world.orgId, first.body.draftId]);
    expect(replaced.fate).toBe('replaced');
    expect(world.capture.messages.filter((m) => m.routingKey === 'copilot.draft-settled' && m.body.draftId === first.body.draftId)).toEqual([]);
    expect(world.repliesIn(conversationId)).toHaveLength(0);
  });

  it('keeps autopilot on channels without a copilot override (chat is an alias of web)', async () => {
    const { conversationId, messageId } = world.customerWrites('How do I reset my password?', { channel: 'chat', handle: 'visitor-1' });
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId, { channel: 'web' }));
    expect(outcome.routingKey).toBe('ai.replied');
    const view = await world.updateControls({ replyModeByChannel: { email: 'copilot', chat: 'copilot' } });
    expect(view.replyModeByChannel).toEqual({ email: 'copilot', web: 'copilot' });
    const again = world.customerWrites('How do I turn on two-factor authentication?', { channel: 'chat', handle: 'visitor-2' });
    const drafted = await world.outcomeOf(await world.requestReply(again.conversationId, again.messageId, { channel: 'web' }));
    expect(drafted.routingKey).toBe('ai.drafted');
  });
});

describe('copilot drafts: what teammates did with them', () => {
  let world: ResponderWorld;
  /** Front events ai-responder's draft-fate handler has finished with (it runs without an inbox, so none leaves a row). */
  const settledEvents = new Set<string>();

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_copilot_fate');
    await world.updateControls({ replyMode: 'copilot' });
    const fates = world.get(DraftFateService);
    const settleDrafts = fates.settleDrafts.bind(fates);
    jest.spyOn(fates, 'settleDrafts').mockImplementation(async (event: DraftCheckRequestedV1) => {
      await settleDrafts(event);
      settledEvents.add(event.messageId);
    });
  }, 60_000);

  afterAll(() => world?.stop());

  /** Asks for a draft check as conversation-sync does at a Front event in the conversation (these suites run no sync). */
  const frontEvent = async (type: string, conversationId: string): Promise<string> => {
    const envelope = world.envelope();
    await world.get(MessagePublisher).publish('conversation.draft-check-requested', {
      ...envelope, sessionId: `ses_${conversationId}`, integrationId: world.integrationId, conversationId, cause: `front.${type} evt_${randomUUID()}`,
    });
    return envelope.messageId;
  };

  /** Until ai-responder's draft check handler has finished with these deliveries. */
  const handled = async (messageIds: string[]) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const count = messageIds.filter((id) => settledEvents.has(id)).length;
      if (count === messageIds.length) return;
      if (Date.now() > deadline) throw new Error(`only ${count} of ${messageIds.length} events handled`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const draftFor = async (question: string) => {
    const { conversationId, messageId } = world.customerWrites(question);
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    expect(outcome.routingKey).toBe('ai.drafted');
    return { conversationId, draftId: outcome.body.draftId as string };
  };

  const fateOf = async (draftId: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [row] = await world.db.query(`SELECT fate, edit_ratio, sent_by FROM responder.copilot_drafts WHERE org_id = $1 AND draft_id = $2`, [world.orgId, draftId]);
      if (row && row.fate !== 'pending') return row as { fate: string; edit_ratio: number | null; sent_by: string | null };
      if (Date.now() > deadline) throw new Error(`draft ${draftId} still ${row?.fate}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** The `copilot.draft-settled` reports of a draft, once at least one arrived. */
  const reportsOf = async (draftId: string) => {
    const reports = () => world.capture.messages.filter((m) => m.routingKey === 'copilot.draft-settled' && m.body.draftId === draftId);
    await world.capture.waitFor(() => reports().length > 0, 10_000);
    return reports();
  };

  it('records a draft sent unchanged and reports it once, however many events follow', async () => {
    const { conversationId, draftId } = await draftFor('How do I reset my password?');
    world.sandbox.control.sendDraft(draftId, { teammateId: 'tea_alice' });
    // Three events at once: each handler may find the draft pending, only one may settle and report it.
    const events = await Promise.all([frontEvent('out_reply', conversationId), frontEvent('tag', conversationId), frontEvent('archive', conversationId)]);
    expect(await fateOf(draftId)).toEqual({ fate: 'sent_unchanged', edit_ratio: 0, sent_by: 'tea_alice' });
    const [report] = await reportsOf(draftId);
    expect(report.body).toMatchObject({
      orgId: world.orgId, sessionId: `ses_${conversationId}`, integrationId: world.integrationId, conversationId, draftId,
      fate: 'sent_unchanged', editRatio: 0, sentBy: 'tea_alice', settledAt: expect.any(String),
    });
    await handled(events);
    const queued = () => world.db.query(`SELECT published_at FROM responder.outbox WHERE routing_key = 'copilot.draft-settled' AND payload->>'draftId' = $1`, [draftId]);
    // The relay marks what it published a moment later.
    for (let polls = 0; polls < 50 && (await queued()).some((row: { published_at: Date | null }) => row.published_at === null); polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await queued()).toEqual([{ published_at: expect.any(Date) }]);
    expect(world.capture.messages.filter((m) => m.routingKey === 'copilot.draft-settled' && m.body.draftId === draftId)).toHaveLength(1);
  });

  it('records a draft sent edited, with the share of characters changed', async () => {
    const { conversationId, draftId } = await draftFor('How do I turn on two-factor authentication?');
    world.sandbox.control.sendDraft(draftId, { teammateId: 'tea_alice', text: 'Hi! Go to Settings → Security and turn on two-factor authentication.' });
    await frontEvent('out_reply', conversationId);
    const fate = await fateOf(draftId);
    expect(fate).toMatchObject({ fate: 'sent_edited', sent_by: 'tea_alice' });
    expect(fate.edit_ratio).toBeGreaterThan(0.2);
    expect(fate.edit_ratio).toBeLessThanOrEqual(1);
    const [report] = await reportsOf(draftId);
    expect(report.body).toMatchObject({ fate: 'sent_edited', editRatio: fate.edit_ratio, sentBy: 'tea_alice' });
  });

  it('records a discarded draft at the next event on the conversation', async () => {
    const { conversationId, draftId } = await draftFor('How long does shipping take?');
    world.sandbox.control.discardDraft(draftId);
    await frontEvent('archive', conversationId);
    expect(await fateOf(draftId)).toEqual({ fate: 'discarded', edit_ratio: null, sent_by: null });
    const [report] = await reportsOf(draftId);
    expect(report.body).toMatchObject({ fate: 'discarded', conversationId });
    expect(report.body).not.toHaveProperty('editRatio');
    expect(report.body).not.toHaveProperty('sentBy');
  });
});
