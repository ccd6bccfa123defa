import { DataSource } from 'typeorm';
import { inboxKeyOf, MessagePublisher } from '@front-agent/messaging';
import { BrokerCapture } from '../support/broker-capture';
import { SystemHarness } from '../support/system-harness';

/**
 * Copilot mode through all four services and the sandbox: the AI drafts, a
 * teammate sends or discards the draft in Front, and the outcome reaches the
 * analytics API and the session's timeline, once.
 */
describe('copilot draft outcomes reach analytics', () => {
  let system: SystemHarness;
  let capture: BrokerCapture;
  let adminKey: string;
  const control = () => system.sandbox.control;
  const draftsIn = (conversationId: string) => control().record().drafts.filter((draft) => draft.conversationId === conversationId);
  const since = new Date(Date.now() - 60_000).toISOString();
  const analytics = async () => (await system.api(adminKey, 'GET', `/v1/analytics?from=${since}`)).body;

  beforeAll(async () => {
    system = await SystemHarness.start('copilot_analytics');
    capture = await BrokerCapture.start(system.env.AMQP_URL as string, 'copilot.#');
    await system.startService('webhook-ingress');
    await system.startService('integration-settings');
    await system.startService('conversation-sync', { RECONCILE_INTERVAL_SECONDS: '0', OUTCOME_REVIEW_INTERVAL_SECONDS: '0' });
    await system.startService('ai-responder');
    ({ adminKey } = await system.createOrg());
    await system.connectFront(adminKey, { settings: { replyMode: 'copilot' } });
    await waitUntil(async () => (await system.api(adminKey, 'GET', '/v1/integrations/front/knowledge')).body?.sync?.state === 'succeeded', 30_000);
  }, 90_000);

  afterAll(async () => {
    await capture?.close();
    await system?.stop();
  });

  /** A customer asks; returns the conversation and the AI's draft, once it is in Front. */
  async function draftedConversation(handle: string, text: string): Promise<{ conversationId: string; draftId: string }> {
    const { conversationId } = control().customerMessage({ channel: 'email', handle, text, assigneeId: 'tea_ai' });
    await waitUntil(() => draftsIn(conversationId).some((draft) => draft.action === 'created'), 10_000);
    const { draftId } = draftsIn(conversationId).find((draft) => draft.action === 'created')!;
    return { conversationId, draftId };
  }

  it('counts a draft a teammate sent unchanged and one discarded, and shows each on the session', async () => {
    expect((await analytics()).copilotDrafts).toEqual({ sentUnchanged: 0, sentEdited: 0, discarded: 0, medianEditRatio: null });

    const sent = await draftedConversation('sent@customer.test', 'How do I reset my password?');
    control().sendDraft(sent.draftId, { teammateId: 'tea_alice' });
    const discarded = await draftedConversation('gone@customer.test', 'How long does shipping take?');
    control().discardDraft(discarded.draftId);
    control().archive(discarded.conversationId); // Front says nothing of a discarded draft: the next event on the conversation tells

    await waitUntil(async () => (await analytics()).copilotDrafts.discarded === 1 && (await analytics()).copilotDrafts.sentUnchanged === 1, 15_000);
    expect((await analytics()).copilotDrafts).toEqual({ sentUnchanged: 1, sentEdited: 0, discarded: 1, medianEditRatio: null });
    expect(control().record().replies).toEqual([]); // only teammates sent anything

    const [session] = (await system.api(adminKey, 'GET', `/v1/sessions?conversationId=${sent.conversationId}`)).body.sessions;
    const { body: detail } = await system.api(adminKey, 'GET', `/v1/sessions/${session.id}`);
    expect(detail.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'copilot', summary: "A teammate sent the AI's draft unchanged", details: expect.objectContaining({ draftId: sent.draftId }) })]),
    );
  }, 60_000);

  it('counts a draft once when its report is delivered again', async () => {
    const reports = capture.messages.filter((message) => message.routingKey === 'copilot.draft-settled');
    expect(reports.map((report) => report.body.fate).sort()).toEqual(['discarded', 'sent_unchanged']);
    const publisher = system.appOf('integration-settings').get(MessagePublisher);
    const [report] = reports;
    await publisher.publish('copilot.draft-settled', report.body); // the same message again (the inbox holds)
    await publisher.publish('copilot.draft-settled', { ...report.body, messageId: `${report.body.messageId as string}:again`, fate: 'sent_edited', editRatio: 0.5 }); // a second report of the draft
    await waitUntil(async () => {
      const [{ count }] = await system.appOf('conversation-sync').get(DataSource).query(
        `SELECT count(*)::int AS count FROM sync.processed_messages WHERE message_id = $1`,
        [inboxKeyOf(report.body.orgId as string, `${report.body.messageId as string}:again`)],
      );
      return count === 1;
    }, 10_000);
    expect((await analytics()).copilotDrafts).toEqual({ sentUnchanged: 1, sentEdited: 0, discarded: 1, medianEditRatio: null });
  });
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
