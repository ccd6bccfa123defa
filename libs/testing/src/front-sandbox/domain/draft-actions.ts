import { htmlFromText, textFromHtml } from '../render/messages';
import type { Via } from '../state/recorder';
import type { Conversation, Message } from '../state/types';
import type { ConversationActions } from './conversation-actions';
import { badRequest, conflict, notFound } from './errors';
import type { MessageActions } from './message-actions';
import { teammateActor, type SandboxCore } from './sandbox-core';

/** The body of POST /conversations/{id}/drafts (ReplyDraft) and PATCH /drafts/{id}/ (EditDraft). */
export interface DraftRequest {
  body: string;
  channel_id: string;
  author_id?: string;
  mode?: 'private' | 'shared';
  to?: string[];
  subject?: string;
  version?: string;
  [key: string]: unknown;
}

/** Drafts: suggestions a human can send or discard. Front emits no event for them. */
export class DraftActions {
  constructor(
    private readonly core: SandboxCore,
    private readonly conversations: ConversationActions,
    private readonly messages: MessageActions,
  ) {}

  create(conversation: Conversation, request: DraftRequest): Message {
    const store = this.core.store;
    const channel = store.findChannel(request.channel_id);
    if (!channel) throw badRequest(`Unknown channel ID ${request.channel_id}`);
    const authorId = request.author_id ? this.conversations.activeTeammateId(request.author_id, 'author_id') : store.apiBotId;
    const fields = this.messages.outboundFields(conversation, channel, authorId, request.body, textFromHtml(request.body), request.to);
    const draft = this.messages.addMessage(conversation, {
      ...fields,
      subject: request.subject ?? fields.subject,
      draftMode: request.mode ?? 'private',
    });
    this.record('created', draft, 'api');
    return draft;
  }

  edit(draftId: string, request: DraftRequest): Message {
    const draft = this.find(draftId);
    this.checkVersion(draft, request.version);
    const channel = this.core.store.findChannel(request.channel_id);
    if (!channel) throw badRequest(`Unknown channel ID ${request.channel_id}`);
    draft.body = request.body;
    draft.text = textFromHtml(request.body);
    draft.channelId = channel.id;
    if (request.mode) draft.draftMode = request.mode;
    if (request.subject) draft.subject = request.subject;
    draft.version = this.core.store.ids.nextVersion(draft.id);
    this.record('edited', draft, 'api');
    return draft;
  }

  delete(draftId: string, version: string | undefined): void {
    const draft = this.find(draftId);
    this.checkVersion(draft, version);
    this.core.store.removeMessage(draft.id);
    this.record('deleted', draft, 'api');
  }

  /** A teammate sends the draft (control API), optionally after rewriting it. */
  send(draftId: string, teammateId: string, text?: string): Message {
    const draft = this.find(draftId);
    const conversation = this.core.store.findConversation(draft.conversationId)!;
    if (text !== undefined) {
      draft.body = htmlFromText(text);
      draft.text = text;
    }
    draft.draftMode = null;
    draft.version = null;
    draft.authorId = teammateId;
    draft.createdAt = this.core.store.nowSeconds();
    draft.seq = this.core.store.nextSeq();
    conversation.waitingSince = undefined;
    this.conversations.touch(conversation);
    this.record('sent', draft, 'sandbox');
    const actor = teammateActor(teammateId);
    this.core.events.emit(this.core.settings.replyEventType, conversation, actor.source, { type: 'message', messageId: draft.id });
    return draft;
  }

  discard(draftId: string): void {
    const draft = this.find(draftId);
    this.core.store.removeMessage(draft.id);
    this.record('discarded', draft, 'sandbox');
  }

  private find(draftId: string): Message {
    const draft = this.core.store.messages.get(draftId);
    if (!draft || draft.draftMode === null) throw notFound(`Unknown draft ID ${draftId}`);
    return draft;
  }

  private checkVersion(draft: Message, version: string | undefined): void {
    if (version !== undefined && version !== draft.version) {
      throw conflict(`Draft ${draft.id} has changed: version ${version} is not the current version`);
    }
  }

  private record(action: 'created' | 'edited' | 'deleted' | 'sent' | 'discarded', draft: Message, via: Via): void {
    this.core.recorder.drafts.push({
      at: this.core.store.nowMs(),
      action,
      draftId: draft.id,
      conversationId: draft.conversationId,
      authorId: draft.authorId,
      body: draft.body,
      mode: draft.draftMode,
      channelId: draft.channelId,
      via,
    });
  }
}
