import { IdFactory, seededRandom } from './ids';
import type {
  ApiToken,
  Channel,
  ChannelKind,
  Comment,
  CompanySecrets,
  Conversation,
  Inbox,
  KnowledgeArticle,
  KnowledgeBase,
  KnowledgeCategory,
  Message,
  SandboxEvent,
  Tag,
  Teammate,
} from './types';

/** A reply accepted with 202 that Front has not processed yet. */
export interface PendingMessage {
  uid: string;
  conversationId: string;
}

/**
 * Everything the fake Front knows, in memory. Lookups accept Front's
 * resource aliases where Front does (alt:email:, alt:uid:, alt:address:).
 */
export class SandboxStore {
  company = { id: 'cmp_sandbox', name: 'Sandbox Co' };
  secrets: CompanySecrets = { companyApiSecret: '', appSecret: '' };
  readonly teammates = new Map<string, Teammate>();
  readonly inboxes = new Map<string, Inbox>();
  readonly channels = new Map<string, Channel>();
  readonly tags = new Map<string, Tag>();
  readonly conversations = new Map<string, Conversation>();
  readonly messages = new Map<string, Message>();
  /** message_uid → message id, for GET /messages/alt:uid:… */
  readonly messageIdsByUid = new Map<string, string>();
  /** Message and draft ids per conversation: a conversation's messages without scanning every message. */
  private readonly messageIdsByConversation = new Map<string, Set<string>>();
  readonly comments = new Map<string, Comment>();
  readonly knowledgeBases = new Map<string, KnowledgeBase>();
  readonly categories = new Map<string, KnowledgeCategory>();
  readonly articles = new Map<string, KnowledgeArticle>();
  readonly tokens = new Map<string, ApiToken>();
  readonly pendingMessages = new Map<string, PendingMessage>();
  /** Every event, oldest first. */
  readonly events: SandboxEvent[] = [];
  /** The bot teammate that authors comments posted by an API token without author_id. */
  apiBotId = 'tea_api';
  /** The AI teammate, for the state endpoint. */
  aiTeammateId = 'tea_ai';
  readonly ids: IdFactory;
  readonly random = seededRandom(20240601);
  private seq = 0;

  constructor(
    private readonly clock: () => number,
    idSalt = '',
  ) {
    this.ids = new IdFactory(idSalt);
  }

  /** Unix seconds with millisecond precision, as Front writes timestamps. */
  nowSeconds(): number {
    return Math.round(this.clock()) / 1000;
  }

  nowMs(): number {
    return this.clock();
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  findTeammate(idOrAlias: string): Teammate | undefined {
    const email = alias(idOrAlias, 'email');
    if (email !== undefined) {
      return [...this.teammates.values()].find((t) => t.email.toLowerCase() === email.toLowerCase());
    }
    const username = alias(idOrAlias, 'username');
    if (username !== undefined) return [...this.teammates.values()].find((t) => t.username === username);
    return this.teammates.get(idOrAlias);
  }

  /** Sent or received messages and drafts, by id or alt:uid:. A pending uid is not found yet. */
  findMessage(idOrAlias: string): Message | undefined {
    const uid = alias(idOrAlias, 'uid');
    if (uid !== undefined) {
      const id = this.messageIdsByUid.get(uid);
      return id ? this.messages.get(id) : undefined;
    }
    return this.messages.get(idOrAlias);
  }

  addMessage(message: Message): void {
    this.messages.set(message.id, message);
    this.messageIdsByUid.set(message.uid, message.id);
    this.indexMessage(message);
  }

  /** A merge: the conversation's messages now belong to `intoId`. */
  moveMessages(fromId: string, intoId: string): void {
    for (const id of this.messageIdsByConversation.get(fromId) ?? []) {
      const message = this.messages.get(id);
      if (!message) continue;
      message.conversationId = intoId;
      this.indexMessage(message);
    }
    this.messageIdsByConversation.delete(fromId);
  }

  private indexMessage(message: Message): void {
    const ids = this.messageIdsByConversation.get(message.conversationId) ?? new Set<string>();
    ids.add(message.id);
    this.messageIdsByConversation.set(message.conversationId, ids);
  }

  private messagesOf(conversationId: string): Message[] {
    const ids = this.messageIdsByConversation.get(conversationId) ?? [];
    return [...ids].map((id) => this.messages.get(id)).filter((m): m is Message => m !== undefined && m.conversationId === conversationId);
  }

  removeMessage(id: string): void {
    const message = this.messages.get(id);
    if (message) {
      this.messageIdsByUid.delete(message.uid);
      this.messageIdsByConversation.get(message.conversationId)?.delete(id);
    }
    this.messages.delete(id);
  }

  findChannel(idOrAlias: string): Channel | undefined {
    const address = alias(idOrAlias, 'address');
    if (address !== undefined) return [...this.channels.values()].find((c) => c.address === address);
    return this.channels.get(idOrAlias);
  }

  findConversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  channelOfKind(kind: ChannelKind): Channel | undefined {
    return [...this.channels.values()].find((c) => c.kind === kind && !this.inboxes.get(c.inboxId)?.isPrivate);
  }

  /** Sent and received messages of a conversation, oldest first (drafts excluded). */
  conversationMessages(conversationId: string): Message[] {
    return this.messagesOf(conversationId)
      .filter((m) => m.draftMode === null)
      .sort((a, b) => a.seq - b.seq);
  }

  conversationDrafts(conversationId: string): Message[] {
    return this.messagesOf(conversationId)
      .filter((m) => m.draftMode !== null)
      .sort((a, b) => a.seq - b.seq);
  }

  conversationComments(conversationId: string): Comment[] {
    return [...this.comments.values()].filter((c) => c.conversationId === conversationId).sort((a, b) => a.seq - b.seq);
  }

  lastMessage(conversationId: string): Message | undefined {
    const messages = this.conversationMessages(conversationId);
    return messages[messages.length - 1];
  }

  isPrivateConversation(conversation: Conversation): boolean {
    return this.inboxes.get(conversation.inboxId)?.isPrivate ?? false;
  }
}

/** The value of `alt:<name>:<value>`, or undefined when the id is not that alias. */
export function alias(idOrAlias: string, name: string): string | undefined {
  const prefix = `alt:${name}:`;
  return idOrAlias.startsWith(prefix) ? idOrAlias.slice(prefix.length) : undefined;
}
