import type { FakeLlm } from '@front-agent/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessagePublisher, RpcClient } from '@front-agent/messaging';
import type { FrontSandbox } from '@front-agent/testing';
import { FrontAccessService } from '../../apps/ai-responder/src/front/front-access.service';
import { IntegrationStateRepository } from '../../apps/ai-responder/src/integrations/integration-state.repository';
import { BrokerCapture } from '../support/broker-capture';
import { SystemHarness } from '../support/system-harness';

/** A knowledge article as the sandbox stores it (reached through its control object; tests only). */
export interface SandboxArticle {
  id: string;
  knowledgeBaseId: string;
  updatedAt: number;
  content: Record<string, { name: string; html: string; status: string } | undefined>;
}

/** The sandbox's article store: the control API has no route to edit knowledge, so tests edit the state directly. */
export function sandboxArticles(sandbox: FrontSandbox): Map<string, SandboxArticle> {
  return (sandbox.control as unknown as { deps: { core: { store: { articles: Map<string, SandboxArticle> } } } }).deps.core.store.articles;
}

/** integration-settings and ai-responder on a fresh database, broker and sandbox, with one connected org. */
export class ResponderWorld {
  private constructor(
    readonly harness: SystemHarness,
    readonly capture: BrokerCapture,
    readonly orgId: string,
    readonly adminKey: string,
    readonly integrationId: string,
  ) {}

  static async start(label: string, env: NodeJS.ProcessEnv = {}, settings: Record<string, unknown> = {}): Promise<ResponderWorld> {
    const harness = await SystemHarness.start(label, { KNOWLEDGE_SYNC_POLL_MS: '100', ...env });
    const capture = await BrokerCapture.start(harness.env.AMQP_URL as string, '#');
    await harness.startService('integration-settings');
    await harness.startService('ai-responder');
    const { orgId, adminKey } = await harness.createOrg();
    const { integrationId } = await harness.connectFront(adminKey, { settings });
    // These suites publish reply requests themselves; no ingress runs to receive the sandbox's webhooks.
    harness.sandbox.control.removeWebhooks();
    // The default plan budget (50/min) is for production; these suites test behaviour, not the budget.
    await harness.appOf('integration-settings').get(DataSource).query(
      `UPDATE settings.front_integrations SET rate_limit_per_minute = 1000 WHERE id = $1`,
      [integrationId],
    );
    const world = new ResponderWorld(harness, capture, orgId, adminKey, integrationId);
    world.get(FrontAccessService).forget(orgId, integrationId);
    await world.waitForIdleSync(0);
    return world;
  }

  get sandbox(): FrontSandbox {
    return this.harness.sandbox;
  }

  get db(): DataSource {
    return this.harness.appOf('ai-responder').get(DataSource);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.harness.appOf('ai-responder').get(type);
  }

  /** Waits until a sync run newer than `afterRunId` finished and none is pending; returns the newest run. */
  async waitForIdleSync(afterRunId: number, timeoutMs = 20_000): Promise<{ id: number; state: string; result: Record<string, number> | null }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: Array<{ id: string; state: string; result: Record<string, number> | null }> = await this.db.query(
        `SELECT id, state, result FROM responder.knowledge_sync_runs WHERE org_id = $1 ORDER BY id DESC`,
        [this.orgId],
      );
      const newest = rows[0];
      if (newest && Number(newest.id) > afterRunId && rows.every((row) => row.state === 'succeeded' || row.state === 'failed')) {
        return { ...newest, id: Number(newest.id) };
      }
      if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The id of the newest sync run so far. */
  async latestRunId(): Promise<number> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT max(id) AS id FROM responder.knowledge_sync_runs WHERE org_id = $1`, [this.orgId]);
    return Number(rows[0]?.id ?? 0);
  }

  envelope() {
    return { messageId: randomUUID(), orgId: this.orgId, correlationId: randomUUID(), occurredAt: new Date().toISOString(), version: 1 as const };
  }

  async requestSync(fields: Record<string, unknown> = {}): Promise<void> {
    await this.get(MessagePublisher).publish('knowledge.sync-requested', {
      ...this.envelope(), integrationId: this.integrationId, trigger: 'manual', ...fields,
    });
  }

  /** A customer writes in (a new conversation assigned to the AI teammate, or an existing one). */
  customerWrites(text: string, options: { channel?: 'email' | 'chat' | 'sms' | 'whatsapp'; conversationId?: string; handle?: string } = {}) {
    return this.sandbox.control.customerMessage({
      channel: options.channel ?? 'email',
      handle: options.handle ?? 'jane@example.com',
      text,
      conversationId: options.conversationId,
      assigneeId: options.conversationId ? undefined : 'tea_ai',
    });
  }

  /** Publishes conversation.reply-requested for a customer message, as conversation-sync would. */
  async requestReply(
    conversationId: string,
    messageId: string,
    options: { channel?: 'email' | 'web' | 'sms' | 'whatsapp'; requestId?: string; transcript?: Array<Record<string, unknown>> } = {},
  ): Promise<string> {
    const message = await this.frontGet(`/messages/${messageId}`);
    const requestId = options.requestId ?? randomUUID();
    await this.get(MessagePublisher).publish('conversation.reply-requested', {
      ...this.envelope(),
      messageId: requestId,
      sessionId: `ses_${conversationId}`,
      integrationId: this.integrationId,
      conversationId,
      aiTeammateId: 'tea_ai',
      channel: options.channel ?? 'email',
      trigger: { frontMessageId: messageId, text: message.text, emittedAt: message.created_at, customerHandle: 'jane@example.com' },
      transcript: options.transcript ?? [{ direction: 'inbound', author: 'customer', text: message.text, at: message.created_at }],
    });
    return requestId;
  }

  /** Waits for the ai.* outcome of a request. */
  async outcomeOf(requestId: string, timeoutMs = 15_000): Promise<{ routingKey: string; body: Record<string, unknown> }> {
    const find = () => this.capture.messages.find((m) => m.routingKey.startsWith('ai.') && m.body.messageId === `${requestId}:outcome`);
    await this.capture.waitFor(() => Boolean(find()), timeoutMs);
    return find()!;
  }

  /** PATCHes the integration's controls and waits until ai-responder holds the new revision. */
  async updateControls(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    const states = this.get(IntegrationStateRepository);
    const before = (await states.findIntegration(this.orgId, this.integrationId))?.revision ?? 0;
    const response = await this.harness.api(this.adminKey, 'PATCH', '/v1/integrations/front', patch);
    if (response.status !== 200) throw new Error(`PATCH failed: ${JSON.stringify(response.body)}`);
    const deadline = Date.now() + 10_000;
    while (((await states.findIntegration(this.orgId, this.integrationId))?.revision ?? 0) <= before) {
      if (Date.now() > deadline) throw new Error('ai-responder did not receive the new controls');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return response.body;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async frontGet(path: string): Promise<any> {
    const response = await fetch(`${this.sandbox.url}${path}`, { headers: { authorization: 'Bearer sandbox-token' } });
    return response.json();
  }

  repliesIn(conversationId: string) {
    return this.sandbox.control.record().replies.filter((reply) => reply.conversationId === conversationId);
  }

  commentsIn(conversationId: string) {
    return this.sandbox.control.record().comments.filter((comment) => comment.conversationId === conversationId);
  }

  rpc(): RpcClient {
    return this.get(RpcClient);
  }

  async stop(): Promise<void> {
    await this.capture.close();
    await this.harness.stop();
  }
}

/** The system message of the fake LLM's latest request. */
export function lastSystemPrompt(llm: FakeLlm): string {
  const content = llm.requests[llm.requests.length - 1]?.messages[0]?.content;
  return typeof content === 'string' ? content : '';
}
