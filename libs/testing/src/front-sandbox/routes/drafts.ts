import type { DraftRequest } from '../domain/draft-actions';
import { listParams } from '../http/list-query';
import { paginate } from '../http/pagination';
import { renderMessage } from '../render/messages';
import type { Message } from '../state/types';
import { conversationFromPath, param, type RouteDeps, type SandboxRoute } from './route';

/** Draft replies: create (200 MessageResponse with draft_mode), list, edit with version, delete. */
export function draftRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core, drafts } = deps;
  return [
    {
      method: 'GET',
      url: '/conversations/:conversation_id/drafts',
      operationId: 'list-conversation-drafts',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        const params = listParams(request, { defaultLimit: 50 });
        const items = core.store.conversationDrafts(conversation.id).reverse();
        return paginate(request, core.baseUrl, items, (m: Message) => m.id, (m) => renderMessage(core.render, m), params);
      },
    },
    {
      method: 'POST',
      url: '/conversations/:conversation_id/drafts',
      operationId: 'create-draft-reply',
      handler: (request) => {
        const conversation = conversationFromPath(deps, request);
        return renderMessage(core.render, drafts.create(conversation, request.body as DraftRequest));
      },
    },
    {
      method: 'PATCH',
      url: '/drafts/:message_id',
      operationId: 'edit-draft',
      handler: (request) => renderMessage(core.render, drafts.edit(param(request, 'message_id'), request.body as DraftRequest)),
    },
    {
      method: 'DELETE',
      url: '/drafts/:draft_id',
      operationId: 'delete-draft',
      handler: (request, reply) => {
        drafts.delete(param(request, 'draft_id'), (request.body as { version: string }).version);
        return reply.code(204).send();
      },
    },
  ];
}
