import type {
  FrontCreateCommentBody,
  FrontCreateTagBody,
  FrontDeleteDraftBody,
  FrontEditDraftBody,
  FrontReplyBody,
  FrontReplyDraftBody,
  FrontTagIdsBody,
  FrontUpdateAssigneeBody,
  FrontUpdateConversationBody,
} from '../front-types';
import type { FrontRequest } from './front-http';

// Pure builders: what each FrontClient method sends (method, path, route template, scope, body).
// Scopes are the spec's `x-required-scopes`; a test checks them, and every body, against the spec.

/** A reply as the AI teammate. `archive` is required: Front archives on reply unless told `false`. */
export interface FrontReplyInput {
  body: string;
  text?: string;
  authorId: string;
  archive: boolean;
  tagIds?: string[];
  channelId?: string;
  subject?: string;
  to?: string[];
}

/** An internal comment; without `authorId` it is posted as the token's owner. */
export interface FrontCommentInput {
  body: string;
  authorId?: string;
  isPinned?: boolean;
}

/** A draft reply a human can review and send; `shared` (the default) makes it visible to teammates. */
export interface FrontDraftInput {
  body: string;
  channelId: string;
  authorId: string;
  mode?: 'shared' | 'private';
}

/** A new version of a draft; `version` is the draft's current version (from the draft message). */
export interface FrontDraftUpdate {
  body: string;
  channelId: string;
  version: string;
  authorId?: string;
}

/** Filters of GET /conversations: statuses (the `q` object) and page size (≤ 100). */
export interface FrontConversationQuery {
  statuses?: Array<'assigned' | 'unassigned' | 'archived' | 'trashed'>;
  limit?: number;
}

const pageSize = (limit: number | undefined): string => String(Math.min(100, Math.max(1, Math.floor(limit ?? 100))));
const c = (conversationId: string): string => `/conversations/${encodeURIComponent(conversationId)}`;

export const conversationRequests = {
  listConversations: (query: FrontConversationQuery = {}): FrontRequest => ({
    method: 'GET', url: '/conversations', route: '/conversations', scope: 'conversations:read',
    query: [...(query.statuses ?? []).map((status): [string, string] => ['q[statuses]', status]), ['limit', pageSize(query.limit)]],
  }),
  getConversation: (id: string): FrontRequest => ({
    method: 'GET', url: c(id), route: '/conversations/{conversation_id}', scope: 'conversations:read', conversationId: id,
  }),
  listConversationMessages: (id: string, sortOrder?: 'asc' | 'desc', limit?: number): FrontRequest => ({
    method: 'GET', url: `${c(id)}/messages`, route: '/conversations/{conversation_id}/messages', scope: 'messages:read', conversationId: id,
    query: [['limit', pageSize(limit)], ...(sortOrder ? ([['sort_order', sortOrder]] as Array<[string, string]>) : [])],
  }),
  listConversationInboxes: (id: string): FrontRequest => ({
    method: 'GET', url: `${c(id)}/inboxes`, route: '/conversations/{conversation_id}/inboxes', scope: 'inboxes:read', conversationId: id,
  }),
  reply: (id: string, input: FrontReplyInput): FrontRequest => {
    const body: FrontReplyBody = {
      body: input.body,
      text: input.text,
      author_id: input.authorId,
      channel_id: input.channelId,
      subject: input.subject,
      to: input.to,
      options: { archive: input.archive, tag_ids: input.tagIds },
    };
    return {
      method: 'POST', url: `${c(id)}/messages`, route: '/conversations/{conversation_id}/messages', scope: 'messages:send',
      conversationId: id, body, repeat: 'not-repeatable',
    };
  },
  addComment: (id: string, input: FrontCommentInput): FrontRequest => {
    const body: FrontCreateCommentBody = { body: input.body, author_id: input.authorId, is_pinned: input.isPinned };
    return {
      method: 'POST', url: `${c(id)}/comments`, route: '/conversations/{conversation_id}/comments', scope: 'comments:write',
      conversationId: id, body, repeat: 'not-repeatable',
    };
  },
  createDraft: (id: string, input: FrontDraftInput): FrontRequest => {
    const body: FrontReplyDraftBody = { body: input.body, channel_id: input.channelId, author_id: input.authorId, mode: input.mode ?? 'shared' };
    return {
      method: 'POST', url: `${c(id)}/drafts`, route: '/conversations/{conversation_id}/drafts', scope: 'drafts:write',
      conversationId: id, body, repeat: 'not-repeatable',
    };
  },
  updateDraft: (draftId: string, input: FrontDraftUpdate): FrontRequest => {
    const body: FrontEditDraftBody = {
      body: input.body, channel_id: input.channelId, version: input.version, author_id: input.authorId, mode: 'shared',
    };
    // The trailing slash is in the spec's path (`/drafts/{message_id}/`).
    return { method: 'PATCH', url: `/drafts/${encodeURIComponent(draftId)}/`, route: '/drafts/{message_id}/', scope: 'drafts:write', body };
  },
  deleteDraft: (draftId: string, version: string): FrontRequest => {
    const body: FrontDeleteDraftBody = { version };
    return { method: 'DELETE', url: `/drafts/${encodeURIComponent(draftId)}`, route: '/drafts/{draft_id}', scope: 'drafts:delete', body };
  },
  setAssignee: (id: string, teammateId: string | null): FrontRequest => {
    const body: FrontUpdateAssigneeBody = { assignee_id: teammateId };
    return {
      method: 'PUT', url: `${c(id)}/assignee`, route: '/conversations/{conversation_id}/assignee', scope: 'conversations:write',
      conversationId: id, body,
    };
  },
  addTags: (id: string, tagIds: string[]): FrontRequest => {
    const body: FrontTagIdsBody = { tag_ids: tagIds };
    return { method: 'POST', url: `${c(id)}/tags`, route: '/conversations/{conversation_id}/tags', scope: 'conversations:write', conversationId: id, body };
  },
  removeTags: (id: string, tagIds: string[]): FrontRequest => {
    const body: FrontTagIdsBody = { tag_ids: tagIds };
    return { method: 'DELETE', url: `${c(id)}/tags`, route: '/conversations/{conversation_id}/tags', scope: 'conversations:write', conversationId: id, body };
  },
  updateConversationStatus: (id: string, status: 'archived' | 'open'): FrontRequest => {
    const body: FrontUpdateConversationBody = { status };
    return { method: 'PATCH', url: c(id), route: '/conversations/{conversation_id}', scope: 'conversations:write', conversationId: id, body };
  },
};

export const companyRequests = {
  getMe: (): FrontRequest => ({ method: 'GET', url: '/me', route: '/me' }),
  listTeammates: (): FrontRequest => ({ method: 'GET', url: '/teammates', route: '/teammates', scope: 'teammates:read' }),
  getMessage: (id: string): FrontRequest => ({
    method: 'GET', url: `/messages/${encodeURIComponent(id)}`, route: '/messages/{message_id}', scope: 'messages:read',
  }),
  getMessageByUid: (uid: string): FrontRequest => ({
    method: 'GET', url: `/messages/alt:uid:${encodeURIComponent(uid)}`, route: '/messages/{message_id}', scope: 'messages:read',
  }),
  listCompanyTags: (): FrontRequest => ({
    method: 'GET', url: '/company/tags', route: '/company/tags', scope: 'tags:read', query: [['limit', '100']],
  }),
  createCompanyTag: (name: string): FrontRequest => {
    const body: FrontCreateTagBody = { name };
    return { method: 'POST', url: '/company/tags', route: '/company/tags', scope: 'tags:write', body, repeat: 'not-repeatable' };
  },
  listChannels: (): FrontRequest => ({ method: 'GET', url: '/channels', route: '/channels', scope: 'channels:read' }),
};
