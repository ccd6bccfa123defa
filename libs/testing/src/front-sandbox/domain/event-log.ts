import { renderConversation, renderInbox, renderTag } from '../render/conversations';
import { renderComment, renderMessage } from '../render/messages';
import { renderTeammate } from '../render/people';
import type { Json, RenderContext } from '../render/render-context';
import type { Conversation, FrontEventType, SandboxEvent } from '../state/types';

/** Who caused an event (source._meta.type). */
export type EventSource = { type: 'teammate'; teammateId: string } | { type: 'inboxes'; inboxIds: string[] } | { type: 'api' };

/** What it happened to (target._meta.type); conversation-level events have none. */
export type EventTarget =
  | { type: 'message'; messageId: string }
  | { type: 'comment'; commentId: string }
  | { type: 'teammate'; teammateId: string }
  | { type: 'tag'; tagId: string }
  | { type: 'inboxes'; inboxId: string };

export type EventListener = (event: SandboxEvent) => void;

/**
 * Appends EventResponses (the shape of GET /events and of webhook payloads)
 * and tells the listeners (the webhook dispatcher).
 */
export class EventLog {
  private readonly listeners: EventListener[] = [];

  constructor(private readonly ctx: RenderContext) {}

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  emit(type: FrontEventType, conversation: Conversation, source: EventSource, target?: EventTarget): SandboxEvent {
    const store = this.ctx.store;
    const id = store.ids.next('evt');
    const emittedAt = store.nowSeconds();
    const payload: Json = {
      _links: { self: this.ctx.url(`/events/${id}`) },
      id,
      type,
      emitted_at: emittedAt,
      conversation: renderConversation(this.ctx, conversation, true),
      source: this.renderSource(source),
      ...(target ? { target: this.renderTarget(target) } : {}),
    };
    const event: SandboxEvent = {
      id,
      seq: store.nextSeq(),
      type,
      emittedAt,
      conversationId: conversation.id,
      inboxIds: [conversation.inboxId],
      isPrivate: store.isPrivateConversation(conversation),
      payload,
    };
    store.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  private renderSource(source: EventSource): Json {
    const store = this.ctx.store;
    switch (source.type) {
      case 'teammate': {
        const teammate = store.teammates.get(source.teammateId);
        return { _meta: { type: 'teammate' }, ...(teammate ? { data: renderTeammate(this.ctx, teammate) } : {}) };
      }
      case 'inboxes':
        return {
          _meta: { type: 'inboxes' },
          data: source.inboxIds.flatMap((id) => {
            const inbox = store.inboxes.get(id);
            return inbox ? [renderInbox(this.ctx, inbox, true)] : [];
          }),
        };
      case 'api':
        // UNCONFIRMED what Front puts in data for API-made changes; readers must cope without it.
        return { _meta: { type: 'api' } };
    }
  }

  private renderTarget(target: EventTarget): Json {
    const store = this.ctx.store;
    const data = (() => {
      switch (target.type) {
        case 'message':
          return renderMessage(this.ctx, store.messages.get(target.messageId)!);
        case 'comment':
          return renderComment(this.ctx, store.comments.get(target.commentId)!);
        case 'teammate':
          return renderTeammate(this.ctx, store.teammates.get(target.teammateId)!);
        case 'tag':
          return renderTag(this.ctx, store.tags.get(target.tagId)!);
        case 'inboxes':
          return renderInbox(this.ctx, store.inboxes.get(target.inboxId)!);
      }
    })();
    return { _meta: { type: target.type }, data };
  }
}
