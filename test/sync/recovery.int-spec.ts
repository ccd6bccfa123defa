import { GapReconciler } from '../../apps/conversation-sync/src/reconciler/gap-reconciler.service';
import { IntegrationStateEntity } from '../../apps/conversation-sync/src/integrations/integration-state.entity';
import { SyncSystem } from './sync-harness';

describe('conversation-sync recovers what webhooks missed', () => {
  let s: SyncSystem;

  beforeAll(async () => {
    s = await SyncSystem.start('recovery');
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  const reconcile = async () => {
    const state = await s.syncDb.getRepository(IntegrationStateEntity).findOneByOrFail({ integrationId: s.integrationId });
    return s.system.appOf('conversation-sync').get(GapReconciler).reconcile(state);
  };

  it('applies a missed customer message from Front\'s events API, once', async () => {
    const targets = s.sandbox.webhooks();
    s.sandbox.removeWebhooks();
    const { conversationId } = s.sandbox.customerMessage({ channel: 'email', handle: 'missed@customer.test', text: 'Did you get this?', assigneeId: 'tea_ai' });
    await s.settle();
    expect(s.requestsFor(conversationId)).toHaveLength(0);

    const first = await reconcile();
    expect(first).toMatchObject({ applied: expect.any(Number) });
    expect(first!.applied).toBeGreaterThanOrEqual(1);
    expect(first!.error).toBeUndefined();
    await s.settle();
    expect(s.requestsFor(conversationId)).toHaveLength(1);
    expect(s.requestsFor(conversationId)[0].body).toMatchObject({ trigger: { text: 'Did you get this?' } });

    const second = await reconcile();
    expect(second!.applied).toBe(0);
    const [row] = await s.syncDb.query('SELECT last_reconciliation FROM sync.integrations WHERE integration_id = $1', [s.integrationId]);
    expect(row.last_reconciliation).toMatchObject({ applied: 0, eventsRead: expect.any(Number) });
    for (const target of targets) s.sandbox.addWebhook(target);
  });

  it('leaves what a run cut short did not read to the next run, oldest first', async () => {
    const targets = s.sandbox.webhooks();
    s.sandbox.removeWebhooks();
    try {
      // From the newest event already applied, so the runs read only the three new messages' events.
      await s.syncDb.query(
        'UPDATE sync.integrations SET reconciled_until = (SELECT max(emitted_at) FROM sync.session_events) WHERE integration_id = $1',
        [s.integrationId],
      );
      const conversations: string[] = [];
      for (const text of ['first', 'second', 'third']) {
        conversations.push(s.sandbox.customerMessage({ channel: 'email', handle: `${text}@backlog.test`, text: `backlog ${text}`, assigneeId: 'tea_ai' }).conversationId);
        await new Promise((resolve) => setTimeout(resolve, 5)); // three instants: a run cut short stops between two
      }
      const cutShort = async () => {
        const state = await s.syncDb.getRepository(IntegrationStateEntity).findOneByOrFail({ integrationId: s.integrationId });
        return s.system.appOf('conversation-sync').get(GapReconciler).reconcile(state, 2);
      };
      // Each run reads two events; a newest-first reader would never reach the first message.
      let runs = 0;
      while (runs < 30 && (runs === 0 || conversations.some((id) => s.requestsFor(id).length === 0))) {
        await cutShort();
        await s.settle();
        runs += 1;
      }
      expect(runs).toBeGreaterThan(1);
      for (const conversationId of conversations) expect(s.requestsFor(conversationId)).toHaveLength(1);
    } finally {
      for (const target of targets) s.sandbox.addWebhook(target);
    }
  });

  it('asks once when both the webhook and the reconciler see a message', async () => {
    const { conversationId } = s.sandbox.customerMessage({ channel: 'email', handle: 'both@customer.test', text: 'hello twice', assigneeId: 'tea_ai' });
    await s.settle();
    await s.syncDb.query('UPDATE sync.integrations SET reconciled_until = $1 WHERE integration_id = $2', [Date.now() / 1000 - 60, s.integrationId]);
    await reconcile();
    await s.settle();
    expect(s.requestsFor(conversationId)).toHaveLength(1);
  });

  it('completes a rule-webhook preview from the API before deciding', async () => {
    const secrets = s.sandbox.state().secrets;
    const [target] = s.sandbox.webhooks();
    s.sandbox.configureWebhook({ url: target.url, format: 'rule', ruleSecret: secrets.companyApiSecret, preview: true });
    const { conversationId } = s.sandbox.customerMessage({ channel: 'sms', handle: '+15550009999', text: 'preview me', assigneeId: 'tea_ai' });
    // Hydration calls Front; under load a first attempt may go through the retry queue, so wait for the outcome itself.
    await s.capture.waitFor(() => s.requestsFor(conversationId).length > 0, 45_000);
    const [request] = s.requestsFor(conversationId);
    expect(request?.body).toMatchObject({ channel: 'sms', trigger: { text: 'preview me', customerHandle: '+15550009999' } });
    s.sandbox.configureWebhook({ url: target.url, format: 'application' });
  }, 60_000);
});
