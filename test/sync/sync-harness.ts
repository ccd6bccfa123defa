import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AiOutcomeV1, FrontEventV1 } from '@front-agent/contracts';
import { MessagePublisher } from '@front-agent/messaging';
import { BrokerCapture } from '../support/broker-capture';
import { SystemHarness } from '../support/system-harness';

/** Ingress, settings and conversation-sync against the sandbox, with helpers to drive and read sessions. */
export class SyncSystem {
  private constructor(
    readonly system: SystemHarness,
    readonly capture: BrokerCapture,
    readonly org: { orgId: string; adminKey: string },
    readonly integrationId: string,
  ) {}

  static async start(label: string, syncReplicas = 1, syncEnv: NodeJS.ProcessEnv = { RECONCILE_INTERVAL_SECONDS: '0' }): Promise<SyncSystem> {
    const system = await SystemHarness.start(label);
    await system.startService('webhook-ingress');
    await system.startService('integration-settings');
    for (let replica = 0; replica < syncReplicas; replica += 1) await system.startService('conversation-sync', syncEnv);
    const org = await system.createOrg();
    const { integrationId } = await system.connectFront(org.adminKey);
    const capture = await BrokerCapture.start(system.env.AMQP_URL!, 'conversation.#');
    const sync = new SyncSystem(system, capture, org, integrationId);
    // Settings reach conversation-sync by event; scenarios start once it knows the AI teammate.
    await sync.waitUntil(async () => {
      const [row] = await sync.syncDb.query('SELECT ai_teammate_id FROM sync.integrations WHERE integration_id = $1', [integrationId]);
      return row?.ai_teammate_id === 'tea_ai';
    });
    return sync;
  }

  get sandbox() {
    return this.system.sandbox.control;
  }

  get syncDb(): DataSource {
    return this.system.appOf('conversation-sync').get(DataSource);
  }

  async updateSettings(settings: Record<string, unknown>): Promise<void> {
    const result = await this.system.api(this.org.adminKey, 'PATCH', '/v1/integrations/front', settings);
    if (result.status !== 200) throw new Error(JSON.stringify(result.body));
    await this.waitUntil(async () => {
      const [row] = await this.syncDb.query('SELECT enabled, handle_unassigned FROM sync.integrations WHERE integration_id = $1', [
        this.integrationId,
      ]);
      return row?.enabled === result.body.enabled && row?.handle_unassigned === result.body.handleUnassigned;
    });
  }

  /** Waits until the sandbox delivered everything and sync applied it (nothing new for a moment). */
  async settle(): Promise<void> {
    await this.sandbox.idle();
    let last = -1;
    let stableSince = Date.now();
    await this.waitUntil(async () => {
      const [{ count }] = await this.syncDb.query('SELECT count(*)::int AS count FROM sync.applied_events');
      const [{ pending }] = await this.syncDb.query('SELECT count(*)::int AS pending FROM sync.outbox WHERE published_at IS NULL');
      if (count !== last || pending > 0) {
        last = count;
        stableSince = Date.now();
      }
      return Date.now() - stableSince > 400;
    }, 20_000);
  }

  requestsFor(conversationId: string) {
    return this.capture.messages.filter((m) => m.routingKey === 'conversation.reply-requested' && m.body.conversationId === conversationId);
  }

  async session(conversationId: string): Promise<{ id: string; status: string; silent_reason: string | null; channel: string | null; contact_id: string | null; assignee_id: string | null }> {
    const [row] = await this.syncDb.query('SELECT * FROM sync.sessions WHERE conversation_id = $1', [conversationId]);
    return row;
  }

  async timeline(sessionId: string): Promise<Array<{ kind: string; summary: string }>> {
    return this.syncDb.query('SELECT kind, summary FROM sync.session_timeline WHERE session_id = $1 ORDER BY id', [sessionId]);
  }

  async transcript(sessionId: string): Promise<Array<{ kind: string; author_kind: string; text: string }>> {
    return this.syncDb.query('SELECT kind, author_kind, text FROM sync.transcript_entries WHERE session_id = $1 ORDER BY emitted_at, id', [sessionId]);
  }

  /** Publishes a front.event directly, as the ingress would. */
  async publishFrontEvent(fields: Partial<FrontEventV1> & Pick<FrontEventV1, 'type' | 'frontEventId' | 'emittedAt'>): Promise<void> {
    const event: FrontEventV1 = {
      messageId: fields.frontEventId,
      orgId: this.org.orgId,
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId: this.integrationId,
      deliveredBy: 'application',
      isPreview: false,
      raw: {},
      ...fields,
    };
    await this.publisher.publish(`front.${event.type}`, event);
  }

  async publishAiOutcome(sessionId: string, conversationId: string, outcome: AiOutcomeV1['outcome'], reason?: string): Promise<void> {
    const message: AiOutcomeV1 = {
      messageId: randomUUID(),
      orgId: this.org.orgId,
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      version: 1,
      outcome,
      sessionId,
      integrationId: this.integrationId,
      conversationId,
      triggerMessageId: 'msg_x',
      reason,
    };
    await this.publisher.publish(`ai.${outcome}`, message);
  }

  private get publisher(): MessagePublisher {
    return this.system.appOf('integration-settings').get(MessagePublisher);
  }

  async waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await this.capture.close();
    await this.system.stop();
  }
}
