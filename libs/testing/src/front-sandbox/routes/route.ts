import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { ConversationActions } from '../domain/conversation-actions';
import type { DraftActions } from '../domain/draft-actions';
import { FrontApiError, notFound } from '../domain/errors';
import type { MessageActions } from '../domain/message-actions';
import type { SandboxCore } from '../domain/sandbox-core';
import type { Conversation } from '../state/types';

export interface RouteDeps {
  core: SandboxCore;
  conversations: ConversationActions;
  messages: MessageActions;
  drafts: DraftActions;
}

/** One Front route: the spec's operationId drives scopes and validation in the pipeline. */
export interface SandboxRoute {
  method: HTTPMethods;
  url: string;
  operationId: string;
  handler(request: FastifyRequest, reply: FastifyReply): unknown;
}

export function registerRoutes(app: FastifyInstance, routes: SandboxRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: { operationId: route.operationId },
      handler: async (request, reply) => route.handler(request, reply),
    });
  }
}

export function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name];
}

/**
 * The conversation named in the path: 404 when unknown, 301 to the survivor
 * when it was merged (Front's documented behaviour on conversation routes).
 */
export function conversationFromPath(deps: RouteDeps, request: FastifyRequest): Conversation {
  const id = param(request, 'conversation_id');
  const conversation = deps.core.store.findConversation(id);
  if (!conversation) throw notFound(`Unknown conversation ID ${id}`);
  if (conversation.mergedInto) {
    const location = deps.core.render.url(request.url.replace(id, conversation.mergedInto));
    throw new FrontApiError(301, 'Moved permanently', `Conversation ${id} was merged into ${conversation.mergedInto}`, {
      location,
    });
  }
  return conversation;
}
