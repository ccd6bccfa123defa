/** The sandbox's own records. Rendering to Front's JSON shapes lives in ../render. */

export type TeammateType = 'user' | 'visitor' | 'ai' | 'api' | 'application' | 'rule' | 'macro';

export interface Teammate {
  id: string;
  email: string;
  username: string;
  firstName: string;
  lastName: string;
  isAdmin: boolean;
  isAvailable: boolean;
  isBlocked: boolean;
  type: TeammateType;
  /** Bots acting for an API token are not listed by GET /teammates. */
  listed: boolean;
}

/** What a customer writes through; POST /_sandbox/customer-messages picks a channel by kind. */
export type ChannelKind = 'email' | 'chat' | 'sms' | 'whatsapp' | 'custom';

export type ChannelType = 'smtp' | 'gmail' | 'front_chat' | 'twilio' | 'twilio_whatsapp' | 'custom';

export type MessageType = 'email' | 'front_chat' | 'sms' | 'whatsapp' | 'custom';

export interface Channel {
  id: string;
  inboxId: string;
  name: string;
  address: string;
  type: ChannelType;
  kind: ChannelKind;
  messageType: MessageType;
}

export interface Inbox {
  id: string;
  name: string;
  isPrivate: boolean;
  teammateIds: string[];
}

export interface Tag {
  id: string;
  name: string;
  description: string | null;
  highlight: string | null;
  isVisibleInConversationLists: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ConversationState = 'open' | 'archived' | 'deleted' | 'spam';

export interface Conversation {
  id: string;
  seq: number;
  subject: string;
  inboxId: string;
  channelId: string;
  customer: { name: string | null; handle: string };
  assigneeId: string | null;
  state: ConversationState;
  tagIds: string[];
  createdAt: number;
  updatedAt: number;
  waitingSince?: number;
  threadRef?: string;
  /** Set when merged away: conversation routes answer 301 to the survivor. */
  mergedInto?: string;
}

export interface Recipient {
  name: string | null;
  handle: string;
  role: 'from' | 'to' | 'cc' | 'bcc' | 'reply-to';
}

export interface Message {
  id: string;
  seq: number;
  uid: string;
  conversationId: string;
  channelId: string;
  type: MessageType;
  isInbound: boolean;
  /** null for sent messages; set while the message is a draft. */
  draftMode: 'private' | 'shared' | null;
  version: string | null;
  authorId: string | null;
  recipients: Recipient[];
  subject: string;
  body: string;
  text: string;
  createdAt: number;
  errorType: string | null;
  metadata: Record<string, unknown>;
}

export interface Comment {
  id: string;
  seq: number;
  conversationId: string;
  authorId: string;
  body: string;
  isPinned: boolean;
  postedAt: number;
}

export type KnowledgeLocale = 'en' | 'fr';

export interface KnowledgeBase {
  id: string;
  type: 'internal' | 'external';
  status: 'published' | 'unpublished';
  names: Partial<Record<KnowledgeLocale, string>>;
  locales: KnowledgeLocale[];
  createdAt: number;
  updatedAt: number;
}

export interface KnowledgeCategory {
  id: string;
  knowledgeBaseId: string;
  parentId: string | null;
  slug: string;
  isHidden: boolean;
  content: Partial<Record<KnowledgeLocale, { name: string; description: string | null }>>;
  createdAt: number;
  updatedAt: number;
}

export interface KnowledgeArticle {
  id: string;
  knowledgeBaseId: string;
  categoryId: string | null;
  slug: string;
  keywords: string[];
  content: Partial<Record<KnowledgeLocale, { name: string; html: string; status: 'published' | 'draft' }>>;
  lastEditorId: string;
  createdAt: number;
  updatedAt: number;
}

export interface ApiToken {
  token: string;
  /** '*' grants every scope. */
  scopes: string[] | '*';
  revoked: boolean;
  /** false models a company plan without API access: every route answers 403. */
  apiAccess: boolean;
}

export interface CompanySecrets {
  /** Signs rule webhooks (X-Front-Signature, HMAC-SHA1). */
  companyApiSecret: string;
  /** Signs application webhooks (HMAC-SHA256 over "timestamp:body"). */
  appSecret: string;
}

/** Events-API types the sandbox emits (a subset of the spec's EventResponse.type enum). */
export type FrontEventType =
  | 'inbound'
  | 'outbound'
  | 'out_reply'
  | 'comment'
  | 'assign'
  | 'unassign'
  | 'archive'
  | 'reopen'
  | 'trash'
  | 'restore'
  | 'tag'
  | 'untag'
  | 'move'
  | 'sending_error';

export interface SandboxEvent {
  id: string;
  seq: number;
  type: FrontEventType;
  emittedAt: number;
  conversationId: string;
  inboxIds: string[];
  /** Events in private inboxes never reach application webhooks. */
  isPrivate: boolean;
  /** The full EventResponse, rendered when the event happened. */
  payload: Record<string, unknown>;
}
