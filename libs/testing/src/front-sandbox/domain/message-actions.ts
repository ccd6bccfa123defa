import { htmlFromText, textFromHtml } from '../render/messages';
import type { Channel, Conversation, Message, Recipient } from '../state/types';
import type { ConversationActions } from './conversation-actions';
import { badRequest, forbidden, notFound } from './errors';
import { API_ACTOR, teammateActor, type SandboxCore } from './sandbox-core';

export interface CustomerMessageInput {
  conversationId?: string;
  channel: Channel;
  handle: string;
  name?: string | null;
  text: string;
  /** HTML body; defaults to the text as paragraphs. */
  html?: string;
  subject?: string;
  assigneeId?: string | null;
  threadRef?: string;
  /** Thread into the customer's latest conversation in the channel when there is no thread ref. */
  threadBySender?: boolean;
  uid?: string;
}

export interface CustomerMessageResult {
  conversationId: string;
  messageId: string;
  messageUid: string;
  eventId: string;
}

/** The reply body of POST /conversations/{id}/messages (OutboundReplyMessage). */
export interface ReplyRequest {
  body: string;
  text?: string;
  author_id?: string;
  channel_id?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  options?: { archive?: boolean; tag_ids?: string[] };
  [key: string]: unknown;
}

/** Messages in and out: customers writing, the API replying (asynchronously), teammates replying. */
export class MessageActions {
  constructor(
    private readonly core: SandboxCore,
    private readonly conversations: ConversationActions,
  ) {}

  receiveCustomerMessage(input: CustomerMessageInput): CustomerMessageResult {
    const store = this.core.store;
    const conversation = input.conversationId
      ? this.existingConversation(input.conversationId)
      : (this.threadFor(input) ?? this.newConversation(input));
    const channel = store.channels.get(conversation.channelId) ?? input.channel;
    const message = this.addMessage(conversation, {
      uid: input.uid,
      isInbound: true,
      authorId: null,
      channel,
      recipients: [
        { name: input.name ?? null, handle: input.handle, role: 'from' },
        { name: channel.name, handle: channel.address, role: 'to' },
      ],
      subject: input.subject ?? conversation.subject,
      body: input.html ?? htmlFromText(input.text),
      text: input.text,
    });
    if (conversation.state === 'archived') conversation.state = 'open';
    conversation.waitingSince ??= message.createdAt;
    const event = this.core.events.emit('inbound', conversation, { type: 'inboxes', inboxIds: [conversation.inboxId] }, {
      type: 'message',
      messageId: message.id,
    });
    return { conversationId: conversation.id, messageId: message.id, messageUid: message.uid, eventId: event.id };
  }

  /** POST /conversations/{id}/messages: validate now, answer 202 with a uid, create the message later. */
  acceptReply(conversation: Conversation, request: ReplyRequest): string {
    const store = this.core.store;
    const authorId = request.author_id ? this.conversations.activeTeammateId(request.author_id, 'author_id') : null;
    const tagIds = this.conversations.knownTagIds(request.options?.tag_ids ?? []);
    const channel = request.channel_id ? store.findChannel(request.channel_id) : store.channels.get(conversation.channelId);
    if (!channel) throw badRequest(`Unknown channel ID ${request.channel_id}`);
    if (typeof request.signature_id === 'string') {
      // The spec: signature_id works on email channels only, elsewhere it is a 403.
      if (channel.kind !== 'email') throw forbidden('signature_id is only supported for email channels');
      throw badRequest(`Unknown signature ID ${request.signature_id}`);
    }
    const uid = store.ids.nextMessageUid();
    store.pendingMessages.set(uid, { uid, conversationId: conversation.id });
    const recorded = {
      at: store.nowMs(),
      conversationId: conversation.id,
      messageUid: uid,
      messageId: null as string | null,
      authorId,
      channelId: request.channel_id ?? null,
      body: request.body,
      text: request.text ?? null,
      options: request.options ?? null,
      request: { ...request },
    };
    this.core.recorder.replies.push(recorded);
    const storeAtAccept = store;
    this.core.later(this.core.settings.replyProcessingDelayMs, () => {
      if (this.core.store !== storeAtAccept) return;
      recorded.messageId = this.processReply(conversation, channel, uid, authorId, tagIds, request).id;
    });
    return uid;
  }

  /** A human teammate replies (control API): an outbound message now, archived only when asked. */
  teammateReply(conversation: Conversation, teammateId: string, text: string, archive = false): Message {
    const channel = this.core.store.channels.get(conversation.channelId)!;
    const message = this.addMessage(conversation, this.outboundFields(conversation, channel, teammateId, htmlFromText(text), text));
    conversation.waitingSince = undefined;
    const actor = teammateActor(teammateId);
    this.core.events.emit(this.core.settings.replyEventType, conversation, actor.source, { type: 'message', messageId: message.id });
    if (archive) this.conversations.setState(conversation, 'archived', actor);
    return message;
  }

  /** Outbound message fields for a reply into the conversation's thread. */
  outboundFields(conversation: Conversation, channel: Channel, authorId: string | null, body: string, text: string, to?: string[]) {
    const recipients: Recipient[] = [
      { name: channel.name, handle: channel.address, role: 'from' },
      ...(to ?? [conversation.customer.handle]).map((handle) => ({
        name: handle === conversation.customer.handle ? conversation.customer.name : null,
        handle,
        role: 'to' as const,
      })),
    ];
    const subject = channel.kind === 'email' ? `Re: ${conversation.subject}` : conversation.subject;
    return { isInbound: false, authorId, channel, recipients, subject, body, text };
  }

  addMessage(
    conversation: Conversation,
    fields: {
      uid?: string;
      isInbound: boolean;
      authorId: string | null;
      channel: Channel;
      recipients: Recipient[];
      subject: string;
      body: string;
      text: string;
      draftMode?: 'private' | 'shared';
    },
  ): Message {
    const store = this.core.store;
    const id = store.ids.next('msg');
    const message: Message = {
      id,
      seq: store.nextSeq(),
      uid: fields.uid ?? store.ids.nextMessageUid(),
      conversationId: conversation.id,
      channelId: fields.channel.id,
      type: fields.channel.messageType,
      isInbound: fields.isInbound,
      draftMode: fields.draftMode ?? null,
      version: fields.draftMode ? store.ids.nextVersion(id) : null,
      authorId: fields.authorId,
      recipients: fields.recipients,
      subject: fields.subject,
      body: fields.body,
      text: fields.text,
      createdAt: store.nowSeconds(),
      errorType: null,
      metadata: {},
    };
    store.addMessage(message);
    this.conversations.touch(conversation);
    return message;
  }

  private processReply(
    conversation: Conversation,
    channel: Channel,
    uid: string,
    authorId: string | null,
    tagIds: string[],
    request: ReplyRequest,
  ): Message {
    const store = this.core.store;
    const text = request.text ?? textFromHtml(request.body);
    const fields = this.outboundFields(conversation, channel, authorId ?? store.apiBotId, request.body, text, request.to);
    const message = this.addMessage(conversation, { ...fields, uid, subject: request.subject ?? fields.subject });
    store.pendingMessages.delete(uid);
    const failure = this.core.settings.replyErrorType;
    if (failure) {
      message.errorType = failure;
      this.core.events.emit('sending_error', conversation, API_ACTOR.source, { type: 'message', messageId: message.id });
      return message;
    }
    conversation.waitingSince = undefined;
    this.core.events.emit(this.core.settings.replyEventType, conversation, API_ACTOR.source, { type: 'message', messageId: message.id });
    this.conversations.addTags(conversation, tagIds, API_ACTOR);
    // Front archives on reply unless options.archive is false (the spec's default is true).
    if (request.options?.archive !== false) this.conversations.setState(conversation, 'archived', API_ACTOR);
    return message;
  }

  private existingConversation(id: string): Conversation {
    const conversation = this.core.store.findConversation(id);
    if (!conversation) throw notFound(`Unknown conversation ID ${id}`);
    return conversation;
  }

  private threadFor(input: CustomerMessageInput): Conversation | undefined {
    const candidates = [...this.core.store.conversations.values()]
      .filter((c) => c.channelId === input.channel.id && c.state !== 'deleted' && c.state !== 'spam')
      .sort((a, b) => b.seq - a.seq);
    if (input.threadRef) return candidates.find((c) => c.threadRef === input.threadRef);
    if (input.threadBySender) return candidates.find((c) => c.customer.handle === input.handle && !c.threadRef);
    return undefined;
  }

  private newConversation(input: CustomerMessageInput): Conversation {
    const store = this.core.store;
    const now = store.nowSeconds();
    const assigneeId = input.assigneeId ? this.conversations.activeTeammateId(input.assigneeId, 'assigneeId') : null;
    const conversation: Conversation = {
      id: store.ids.next('cnv'),
      seq: store.nextSeq(),
      subject: input.subject ?? input.text.split('\n')[0].slice(0, 80),
      inboxId: input.channel.inboxId,
      channelId: input.channel.id,
      customer: { name: input.name ?? null, handle: input.handle },
      assigneeId,
      state: 'open',
      tagIds: [],
      createdAt: now,
      updatedAt: now,
      threadRef: input.threadRef,
    };
    store.conversations.set(conversation.id, conversation);
    return conversation;
  }
}
