import type { ConversationActions } from '../domain/conversation-actions';
import type { DraftActions } from '../domain/draft-actions';
import { badRequest, notFound } from '../domain/errors';
import type { CustomerMessageResult, MessageActions } from '../domain/message-actions';
import { teammateActor, type SandboxCore } from '../domain/sandbox-core';
import type { FaultInjector, FaultRule, FaultSpec } from '../http/faults';
import type { ResponseViolation } from '../http/pipeline';
import type { CompanyRateLimiter } from '../http/rate-limit';
import type { RecordSnapshot } from '../state/recorder';
import type { SeedName } from '../state/seed';
import type { RateLimitSettings, SandboxSettings } from '../state/settings';
import type { ChannelKind, Conversation } from '../state/types';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import type { ChallengeResult, DeliveryAttempt, WebhookTarget, WebhookTargetConfig } from '../webhooks/webhook-config';
import { describeState, type SandboxStateView } from './state-view';

export interface CustomerMessageCommand {
  /** Append to this conversation; otherwise a new conversation is created. */
  conversationId?: string;
  channel?: ChannelKind;
  /** A specific channel (e.g. cha_private) instead of the first shared one of `channel`'s kind. */
  channelId?: string;
  handle: string;
  name?: string;
  text: string;
  subject?: string;
  /** The new conversation arrives assigned to this teammate (no separate assign event). */
  assigneeId?: string;
}

export interface ControlDeps {
  core: SandboxCore;
  conversations: ConversationActions;
  messages: MessageActions;
  drafts: DraftActions;
  faults: FaultInjector;
  limiter: CompanyRateLimiter;
  webhooks: WebhookDispatcher;
  violations: ResponseViolation[];
}

/** Everything tests and demos drive the sandbox with; the HTTP control API (/_sandbox/…) maps onto it one to one. */
export class SandboxControl {
  constructor(private readonly deps: ControlDeps) {}

  /** Back to a freshly seeded sandbox: data, record, settings, limits, faults, tokens and webhook targets. */
  reset(seed: SeedName = 'default'): SandboxStateView {
    this.deps.core.reset(seed);
    this.deps.faults.clear();
    this.deps.limiter.reset();
    this.deps.webhooks.reset();
    this.deps.violations.length = 0;
    return this.state();
  }

  /** Seeded ids, tokens and secrets, and the current conversations. */
  state(): SandboxStateView {
    return describeState(this.deps.core);
  }

  /** A customer writes in: inbound message (author null, customer as `from`), inbound event and webhooks. */
  customerMessage(command: CustomerMessageCommand): CustomerMessageResult {
    const store = this.deps.core.store;
    if (!command.handle || !command.text) throw badRequest('handle and text are required');
    const existing = command.conversationId ? this.conversation(command.conversationId) : undefined;
    const channel = existing
      ? store.channels.get(existing.channelId)
      : command.channelId
        ? store.findChannel(command.channelId)
        : store.channelOfKind(command.channel ?? 'email');
    if (!channel) throw badRequest(`No channel for ${command.channelId ?? command.channel ?? 'email'}`);
    return this.deps.messages.receiveCustomerMessage({ ...command, channel, name: command.name ?? null });
  }

  /** A human teammate replies (outbound message, reply event); archives only when asked. */
  teammateReply(command: { conversationId: string; teammateId: string; text: string; archive?: boolean }): { messageId: string } {
    const conversation = this.conversation(command.conversationId);
    const teammateId = this.deps.conversations.activeTeammateId(command.teammateId, 'teammateId');
    const message = this.deps.messages.teammateReply(conversation, teammateId, command.text, command.archive ?? false);
    return { messageId: message.id };
  }

  archive(conversationId: string, byTeammateId = 'tea_alice'): void {
    this.deps.conversations.setState(this.conversation(conversationId), 'archived', teammateActor(byTeammateId));
  }

  reopen(conversationId: string, byTeammateId = 'tea_alice'): void {
    this.deps.conversations.setState(this.conversation(conversationId), 'open', teammateActor(byTeammateId));
  }

  /** Assign (or unassign with null) as a teammate would in Front's UI. */
  assign(conversationId: string, teammateId: string | null, byTeammateId = 'tea_alice'): void {
    const assigneeId = teammateId === null ? null : this.deps.conversations.activeTeammateId(teammateId, 'teammateId');
    this.deps.conversations.assign(this.conversation(conversationId), assigneeId, teammateActor(byTeammateId));
  }

  /** Merge a conversation into another: its routes then answer 301 to the survivor. */
  merge(conversationId: string, intoId: string): void {
    const from = this.conversation(conversationId);
    const into = this.conversation(intoId);
    this.deps.core.store.moveMessages(from.id, into.id);
    for (const comment of this.deps.core.store.comments.values()) if (comment.conversationId === from.id) comment.conversationId = into.id;
    from.mergedInto = into.id;
  }

  /** A teammate sends a draft (copilot flow), optionally rewriting its text first. */
  sendDraft(draftId: string, command: { teammateId: string; text?: string }): { messageId: string } {
    const teammateId = this.deps.conversations.activeTeammateId(command.teammateId, 'teammateId');
    return { messageId: this.deps.drafts.send(draftId, teammateId, command.text).id };
  }

  discardDraft(draftId: string): void {
    this.deps.drafts.discard(draftId);
  }

  record(): RecordSnapshot {
    return this.deps.core.recorder.snapshot();
  }

  /** A new API token; scopes default to all ('*'). */
  createToken(command: { token?: string; scopes?: string[] | '*'; apiAccess?: boolean } = {}): { token: string } {
    const store = this.deps.core.store;
    const token = command.token ?? `sandbox-token-${store.ids.next('custom')}`;
    store.tokens.set(token, { token, scopes: command.scopes ?? '*', revoked: false, apiAccess: command.apiAccess ?? true });
    return { token };
  }

  revokeToken(token: string): void {
    const found = this.deps.core.store.tokens.get(token);
    if (!found) throw notFound(`Unknown token ${token}`);
    found.revoked = true;
  }

  rateLimit(): RateLimitSettings & { counts: RecordSnapshot['counts'] } {
    return { ...structuredClone(this.deps.core.rateLimit), counts: this.deps.core.recorder.counts };
  }

  setRateLimit(update: Partial<Omit<RateLimitSettings, 'burst'>> & { burst?: Partial<RateLimitSettings['burst']> }): RateLimitSettings {
    const current = this.deps.core.rateLimit;
    this.deps.core.rateLimit = { ...current, ...update, burst: { ...current.burst, ...(update.burst ?? {}) } };
    this.deps.limiter.reset();
    return this.deps.core.rateLimit;
  }

  addFault(spec: FaultSpec): FaultRule {
    return this.deps.faults.add(spec);
  }

  removeFault(id: string): void {
    if (!this.deps.faults.remove(id)) throw notFound(`Unknown fault ${id}`);
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  faults(): FaultRule[] {
    return this.deps.faults.list();
  }

  /** Replace every webhook target with this one. */
  configureWebhook(config: WebhookTargetConfig): WebhookTarget {
    return this.deps.webhooks.configure(config);
  }

  addWebhook(config: WebhookTargetConfig): WebhookTarget {
    return this.deps.webhooks.addTarget(config);
  }

  removeWebhooks(): void {
    this.deps.webhooks.removeTargets();
  }

  webhooks(): WebhookTarget[] {
    return this.deps.webhooks.listTargets();
  }

  webhookDeliveries(): DeliveryAttempt[] {
    return this.deps.webhooks.listDeliveries();
  }

  /** Send Front's `sync` validation request to application targets (or one target). */
  challengeWebhook(targetId?: string): Promise<ChallengeResult[]> {
    return this.deps.webhooks.challenge(targetId);
  }

  settings(): SandboxSettings {
    return { ...this.deps.core.settings };
  }

  updateSettings(update: Partial<SandboxSettings>): SandboxSettings {
    this.deps.core.settings = { ...this.deps.core.settings, ...update };
    return this.settings();
  }

  /** API responses that did not validate against the spec (should stay empty). */
  violations(): ResponseViolation[] {
    return [...this.deps.violations];
  }

  /** Resolves once accepted replies are processed and webhook deliveries (with retries) are done. */
  async idle(): Promise<void> {
    while (this.deps.core.hasPendingWork()) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.deps.webhooks.idle();
    if (this.deps.core.hasPendingWork()) await this.idle();
  }

  private conversation(id: string): Conversation {
    const conversation = this.deps.core.store.findConversation(id);
    if (!conversation) throw notFound(`Unknown conversation ID ${id}`);
    return conversation;
  }
}
