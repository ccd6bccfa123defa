import { badRequest, conflict, notFound } from '../domain/errors';
import type { SandboxCore } from '../domain/sandbox-core';
import { listParams } from '../http/list-query';
import { paginate, plainList } from '../http/pagination';
import { renderChannel, renderInbox, renderTag } from '../render/conversations';
import { textFromHtml } from '../render/messages';
import type { Tag } from '../state/types';
import { param, type RouteDeps, type SandboxRoute } from './route';

interface CustomMessageBody {
  sender: { handle: string; name?: string; contact_id?: string };
  subject?: string;
  body: string;
  body_format?: 'html' | 'markdown';
  metadata?: { thread_ref?: string; headers?: Record<string, unknown> };
}

/** Company tags, inboxes, channels, and customer messages into a custom channel. */
export function companyRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core } = deps;
  return [
    {
      method: 'GET',
      url: '/company/tags',
      operationId: 'list-company-tags',
      handler: (request) => {
        const params = listParams(request, { defaultLimit: 50, sortBy: ['id'], defaultOrder: 'asc' });
        const items = [...core.store.tags.values()].sort((a, b) => a.id.localeCompare(b.id));
        if (params.sortOrder === 'desc') items.reverse();
        return paginate(request, core.baseUrl, items, (t: Tag) => t.id, (t) => renderTag(core.render, t), params);
      },
    },
    {
      method: 'POST',
      url: '/company/tags',
      operationId: 'create-company-tag',
      handler: (request, reply) => reply.code(201).send(renderTag(core.render, createTag(core, request.body as CreateTagBody))),
    },
    {
      method: 'GET',
      url: '/inboxes',
      operationId: 'list-inboxes',
      handler: (request) =>
        plainList(request, core.baseUrl, [...core.store.inboxes.values()].map((inbox) => renderInbox(core.render, inbox))),
    },
    {
      method: 'GET',
      url: '/channels',
      operationId: 'list-channels',
      handler: (request) =>
        plainList(request, core.baseUrl, [...core.store.channels.values()].map((channel) => renderChannel(core.render, channel))),
    },
    {
      method: 'POST',
      url: '/channels/:channel_id/incoming_messages',
      operationId: 'receive-custom-messages',
      handler: (request, reply) => {
        const id = param(request, 'channel_id');
        const channel = core.store.findChannel(id);
        if (!channel) throw notFound(`Unknown channel ID ${id}`);
        if (channel.type !== 'custom') throw badRequest(`Channel ${channel.id} is not a custom channel`);
        const body = request.body as CustomMessageBody;
        const html = body.body_format === 'html' ? body.body : markdownToHtml(body.body);
        const uid = core.store.ids.nextMessageUid();
        core.store.pendingMessages.set(uid, { uid, conversationId: '' });
        core.recorder.incomingMessages.push({ at: core.store.nowMs(), channelId: channel.id, messageUid: uid, senderHandle: body.sender.handle, body: body.body });
        const storeAtAccept = core.store;
        core.later(core.settings.replyProcessingDelayMs, () => {
          if (core.store !== storeAtAccept) return;
          core.store.pendingMessages.delete(uid);
          deps.messages.receiveCustomerMessage({
            channel,
            handle: body.sender.handle,
            name: body.sender.name ?? null,
            text: textFromHtml(html),
            html,
            subject: body.subject,
            threadRef: body.metadata?.thread_ref,
            threadBySender: true,
            uid,
          });
        });
        return reply.code(202).send({ status: 'accepted', message_uid: uid });
      },
    },
  ];
}

interface CreateTagBody {
  name: string;
  description?: string;
  highlight?: string;
  is_visible_in_conversation_lists?: boolean;
}

function createTag(core: SandboxCore, body: CreateTagBody): Tag {
  const name = body.name.trim();
  if (name === '') throw badRequest('Body did not satisfy requirements: name must not be empty');
  if ([...core.store.tags.values()].some((t) => t.name.toLowerCase() === name.toLowerCase())) {
    throw conflict(`A tag named ${name} already exists`);
  }
  const now = core.store.nowSeconds();
  const tag: Tag = {
    id: core.store.ids.next('tag'),
    name,
    description: body.description ?? null,
    highlight: body.highlight ?? null,
    isVisibleInConversationLists: body.is_visible_in_conversation_lists ?? false,
    createdAt: now,
    updatedAt: now,
  };
  core.store.tags.set(tag.id, tag);
  core.recorder.tagsCreated.push({ at: core.store.nowMs(), tagId: tag.id, name: tag.name });
  return tag;
}

/** Enough markdown for test messages: paragraphs, line breaks, **bold** and *italic*. */
function markdownToHtml(markdown: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) =>
      `<p>${escape(paragraph)
        .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
        .replace(/\*(.+?)\*/g, '<em>$1</em>')
        .replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
}
