import type { Channel, Conversation, Inbox, Recipient, Tag } from '../state/types';
import { renderMessage } from './messages';
import { renderTeammateById } from './people';
import type { Json, RenderContext } from './render-context';

export function renderTag(ctx: RenderContext, tag: Tag): Json {
  return {
    _links: {
      self: ctx.url(`/tags/${tag.id}`),
      related: { conversations: ctx.url(`/tags/${tag.id}/conversations`), owner: null, parent_tag: null, children: null },
    },
    id: tag.id,
    name: tag.name,
    description: tag.description,
    highlight: tag.highlight,
    is_private: false,
    is_visible_in_conversation_lists: tag.isVisibleInConversationLists,
    created_at: tag.createdAt,
    updated_at: tag.updatedAt,
  };
}

export function renderRecipient(recipient: Recipient): Json {
  return { _links: { related: { contact: null } }, name: recipient.name, handle: recipient.handle, role: recipient.role };
}

/** InboxResponse; in an event source Front adds the inbox's address, send_as and channel type. */
export function renderInbox(ctx: RenderContext, inbox: Inbox, forEvent = false): Json {
  const rendered: Json = {
    _links: {
      self: ctx.url(`/inboxes/${inbox.id}`),
      related: {
        teammates: ctx.url(`/inboxes/${inbox.id}/teammates`),
        conversations: ctx.url(`/inboxes/${inbox.id}/conversations`),
        channels: ctx.url(`/inboxes/${inbox.id}/channels`),
        owner: ctx.url(`/teams/tim_sandbox`),
      },
    },
    id: inbox.id,
    name: inbox.name,
    is_private: inbox.isPrivate,
    is_public: !inbox.isPrivate,
    custom_fields: {},
  };
  if (!forEvent) return rendered;
  const channel = [...ctx.store.channels.values()].find((c) => c.inboxId === inbox.id);
  return { ...rendered, address: channel?.address ?? null, send_as: channel?.address ?? null, type: channel?.type ?? null };
}

export function renderChannel(ctx: RenderContext, channel: Channel): Json {
  return {
    _links: {
      self: ctx.url(`/channels/${channel.id}`),
      related: { inbox: ctx.url(`/inboxes/${channel.inboxId}`), owner: ctx.url(`/teams/tim_sandbox`) },
    },
    id: channel.id,
    name: channel.name,
    address: channel.address,
    type: channel.type,
    send_as: channel.address,
    settings: { undo_send_time: 0, all_teammates_can_reply: true },
    is_private: ctx.store.inboxes.get(channel.inboxId)?.isPrivate ?? false,
    is_valid: true,
  };
}

export function conversationStatus(conversation: Conversation): string {
  if (conversation.state === 'deleted' || conversation.state === 'spam') return 'deleted';
  if (conversation.state === 'archived') return 'archived';
  return conversation.assigneeId ? 'assigned' : 'unassigned';
}

/** ConversationResponse; event copies also carry the deprecated last_message, as Front's webhooks do. */
export function renderConversation(ctx: RenderContext, conversation: Conversation, withLastMessage = false): Json {
  const id = conversation.id;
  const last = ctx.store.lastMessage(id);
  const rendered: Json = {
    _links: {
      self: ctx.url(`/conversations/${id}`),
      related: {
        events: ctx.url(`/conversations/${id}/events`),
        followers: ctx.url(`/conversations/${id}/followers`),
        messages: ctx.url(`/conversations/${id}/messages`),
        comments: ctx.url(`/conversations/${id}/comments`),
        inboxes: ctx.url(`/conversations/${id}/inboxes`),
        ...(last ? { last_message: ctx.url(`/messages/${last.id}?referer=conversation`) } : {}),
      },
    },
    id,
    type: 'conversation',
    subject: conversation.subject,
    status: conversationStatus(conversation),
    ticket_ids: [],
    assignee: renderTeammateById(ctx, conversation.assigneeId),
    recipient: renderRecipient({ ...conversation.customer, role: 'from' }),
    tags: conversation.tagIds.flatMap((tagId) => {
      const tag = ctx.store.tags.get(tagId);
      return tag ? [renderTag(ctx, tag)] : [];
    }),
    links: [],
    custom_fields: {},
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
    ...(conversation.waitingSince !== undefined ? { waiting_since: conversation.waitingSince } : {}),
    is_private: ctx.store.isPrivateConversation(conversation),
    scheduled_reminders: [],
    metadata: {},
  };
  if (withLastMessage && last) rendered.last_message = renderMessage(ctx, last);
  return rendered;
}
