import { notFound } from '../domain/errors';
import type { ReplyRequest } from '../domain/message-actions';
import { API_ACTOR } from '../domain/sandbox-core';
import { listParams } from '../http/list-query';
import { paginate } from '../http/pagination';
import { renderComment, renderMessage } from '../render/messages';
import type { Comment, Message } from '../state/types';
import { conversationFromPath, param, type RouteDeps, type SandboxRoute } from './route';

/** Messages of a conversation, replies (202, processed later), single messages, and comments. */
export function messageRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core, conversations, messages } = deps;
  return [
    {
      method: 'GET',
      url: '/conversations/:conversation_id/messages',
      operationId: 'list-conversation-messages',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        const params = listParams(request, { defaultLimit: 50, sortBy: ['created_at'] });
        const items = core.store.conversationMessages(conversation.id);
        // Newest first unless sort_order=asc.
        if (params.sortOrder === 'desc') items.reverse();
        return paginate(request, core.baseUrl, items, (m: Message) => m.id, (m) => renderMessage(core.render, m), params);
      },
    },
    {
      method: 'POST',
      url: '/conversations/:conversation_id/messages',
      operationId: 'create-message-reply',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        const uid = messages.acceptReply(conversation, request.body as ReplyRequest);
        return reply.code(202).send({ status: 'accepted', message_uid: uid });
      },
    },
    {
      method: 'GET',
      url: '/messages/:message_id',
      operationId: 'get-message',
      handler: (request) => {
        const id = param(request, 'message_id');
        const message = core.store.findMessage(id);
        if (!message) throw notFound(`Unknown message ID ${id}`);
        return renderMessage(core.render, message);
      },
    },
    {
      method: 'GET',
      url: '/conversations/:conversation_id/comments',
      operationId: 'list-conversation-comments',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        const params = listParams(request, { defaultLimit: 50 });
        const items = core.store.conversationComments(conversation.id);
        return paginate(request, core.baseUrl, items, (c: Comment) => c.id, (c) => renderComment(core.render, c), params);
      },
    },
    {
      method: 'POST',
      url: '/conversations/:conversation_id/comments',
      operationId: 'add-comment',
      handler: (request, reply) => {
        const conversation = conversationFromPath(deps, request);
        const body = request.body as { body: string; author_id?: string; is_pinned?: boolean };
        // Without author_id Front posts the comment as the API token's bot.
        const authorId = body.author_id ? conversations.activeTeammateId(body.author_id, 'author_id') : core.store.apiBotId;
        const comment = conversations.addComment(conversation, authorId, body.body, body.is_pinned ?? false, API_ACTOR);
        return reply.code(201).send(renderComment(core.render, comment));
      },
    },
  ];
}
