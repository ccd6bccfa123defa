import type { FastifyRequest } from 'fastify';
import { API_ACTOR } from '../domain/sandbox-core';
import { badRequest } from '../domain/errors';
import { listParams, queryList } from '../http/list-query';
import { paginate, plainList } from '../http/pagination';
import { conversationStatus, renderConversation, renderInbox } from '../render/conversations';
import type { Conversation, ConversationState, SandboxEvent } from '../state/types';
import { conversationFromPath, type RouteDeps, type SandboxRoute } from './route';

interface UpdateConversationBody {
  assignee_id?: string | null;
  inbox_id?: string;
  status?: ConversationState;
  status_id?: string;
  tag_ids?: string[];
  description?: string | null;
  due_at?: number | null;
  custom_fields?: Record<string, unknown>;
}

const LIST_STATUSES = ['assigned', 'unassigned', 'archived', 'trashed'];

/** Conversations: read, update (status, assignee, tags, inbox), inboxes and events. */
export function conversationRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core, conversations } = deps;
  return [
    {
      method: 'GET',
      url: '/conversations',
      operationId: 'list-conversations',
      handler: (request) => {
        const params = listParams(request, { defaultLimit: 50, sortBy: ['date'] });
        const statuses = queryList(request, 'q[statuses]');
        const unknown = statuses.filter((s) => !LIST_STATUSES.includes(s));
        if (unknown.length > 0) throw badRequest(`Query did not satisfy requirements: unknown status ${unknown.join(', ')}`);
        const items = [...core.store.conversations.values()]
          .filter((c) => !c.mergedInto && matchesStatuses(c, statuses))
          .sort((a, b) => b.updatedAt - a.updatedAt || b.seq - a.seq);
        if (params.sortOrder === 'asc') items.reverse();
        return paginate(request, core.baseUrl, items, (c) => c.id, (c) => renderConversation(core.render, c), params);
      },
    },
    {
      method: 'GET',
      url: '/conversations/:conversation_id',
      operationId: 'get-conversation-by-id',
      handler: (request) => renderConversation(core.render, conversationFromPath(deps, request)),
    },
    {
      method: 'PATCH',
      url: '/conversations/:conversation_id',
      operationId: 'update-conversation',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        const body = request.body as UpdateConversationBody;
        if (body.status !== undefined && body.status_id !== undefined) {
          throw badRequest('Only one of status and status_id can be provided');
        }
        if (body.status_id !== undefined) throw badRequest('Ticketing is not enabled for this company: status_id is not allowed');
        if (body.description !== undefined || body.due_at !== undefined) {
          throw badRequest('description and due_at are only allowed on task conversations');
        }
        // Check every reference before changing anything, as a transaction would.
        const assigneeId =
          body.assignee_id === undefined || body.assignee_id === null
            ? body.assignee_id
            : conversations.activeTeammateId(body.assignee_id, 'assignee_id');
        const tagIds = body.tag_ids === undefined ? undefined : conversations.knownTagIds(body.tag_ids);
        if (body.inbox_id !== undefined && !core.store.inboxes.has(body.inbox_id)) {
          throw badRequest(`Unknown inbox ID ${body.inbox_id}`);
        }
        if (body.inbox_id !== undefined) conversations.move(conversation, body.inbox_id, API_ACTOR);
        if (assigneeId !== undefined) conversations.assign(conversation, assigneeId, API_ACTOR);
        if (tagIds !== undefined) conversations.replaceTags(conversation, tagIds, API_ACTOR);
        if (body.status !== undefined) conversations.setState(conversation, body.status, API_ACTOR);
        return reply.code(204).send();
      },
    },
    {
      method: 'PUT',
      url: '/conversations/:conversation_id/assignee',
      operationId: 'update-conversation-assignee',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        const { assignee_id: requested } = request.body as { assignee_id: string | null };
        const assigneeId = requested === null ? null : conversations.activeTeammateId(requested, 'assignee_id');
        conversations.assign(conversation, assigneeId, API_ACTOR);
        return reply.code(204).send();
      },
    },
    {
      method: 'POST',
      url: '/conversations/:conversation_id/tags',
      operationId: 'add-conversation-tag',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        conversations.addTags(conversation, conversations.knownTagIds(tagIdsOf(request)), API_ACTOR);
        return reply.code(204).send();
      },
    },
    {
      method: 'DELETE',
      url: '/conversations/:conversation_id/tags',
      operationId: 'remove-conversation-tag',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        conversations.removeTags(conversation, conversations.knownTagIds(tagIdsOf(request)), API_ACTOR);
        return reply.code(204).send();
      },
    },
    {
      method: 'GET',
      url: '/conversations/:conversation_id/inboxes',
      operationId: 'list-conversation-inboxes',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        const inbox = core.store.inboxes.get(conversation.inboxId);
        return plainList(request, core.baseUrl, inbox ? [renderInbox(core.render, inbox)] : []);
      },
    },
    {
      method: 'GET',
      url: '/conversations/:conversation_id/events',
      operationId: 'list-conversation-events',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        const params = listParams(request, { defaultLimit: 50 });
        const events = core.store.events.filter((e) => e.conversationId === conversation.id).reverse();
        return paginate(request, core.baseUrl, events, (e: SandboxEvent) => e.id, (e) => e.payload, params);
      },
    },
  ];
}

function tagIdsOf(request: FastifyRequest): string[] {
  return (request.body as { tag_ids: string[] }).tag_ids;
}

function matchesStatuses(conversation: Conversation, statuses: string[]): boolean {
  const status = conversationStatus(conversation);
  if (statuses.length === 0) return status !== 'deleted';
  return statuses.includes(status === 'deleted' ? 'trashed' : status);
}
