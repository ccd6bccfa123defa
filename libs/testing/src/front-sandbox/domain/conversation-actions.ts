import type { Comment, Conversation, ConversationState } from '../state/types';
import { badRequest } from './errors';
import type { Actor, SandboxCore } from './sandbox-core';

/**
 * Changes to a conversation (assignment, status, tags, inbox, comments), each
 * recorded and turned into the events Front would emit.
 */
export class ConversationActions {
  constructor(private readonly core: SandboxCore) {}

  /** A teammate who may be assigned or author something: known and not blocked, else 400. */
  activeTeammateId(idOrAlias: string, field: string): string {
    const teammate = this.core.store.findTeammate(idOrAlias);
    if (!teammate) throw badRequest(`Unknown teammate ${idOrAlias} in ${field}`);
    if (teammate.isBlocked) throw badRequest(`Teammate ${teammate.id} in ${field} is blocked`);
    return teammate.id;
  }

  knownTagIds(tagIds: string[]): string[] {
    for (const id of tagIds) if (!this.core.store.tags.has(id)) throw badRequest(`Unknown tag ID ${id}`);
    return [...new Set(tagIds)];
  }

  assign(conversation: Conversation, assigneeId: string | null, actor: Actor): void {
    const from = conversation.assigneeId;
    if (from === assigneeId) return;
    conversation.assigneeId = assigneeId;
    this.touch(conversation);
    this.core.recorder.assigneeChanges.push({ ...this.stamp(conversation, actor), from, to: assigneeId });
    if (assigneeId) this.core.events.emit('assign', conversation, actor.source, { type: 'teammate', teammateId: assigneeId });
    else this.core.events.emit('unassign', conversation, actor.source);
  }

  /** PATCH status: archived | open | deleted | spam. */
  setState(conversation: Conversation, to: ConversationState, actor: Actor): void {
    const from = conversation.state;
    if (from === to) return;
    conversation.state = to;
    this.touch(conversation);
    this.core.recorder.statusChanges.push({ ...this.stamp(conversation, actor), from, to });
    const type = to === 'archived' ? 'archive' : to === 'deleted' ? 'trash' : to === 'open' ? (from === 'archived' ? 'reopen' : 'restore') : null;
    // Spam has no Events-API type.
    if (type) this.core.events.emit(type, conversation, actor.source);
  }

  addTags(conversation: Conversation, tagIds: string[], actor: Actor): void {
    this.changeTags(conversation, tagIds.filter((id) => !conversation.tagIds.includes(id)), [], actor);
  }

  removeTags(conversation: Conversation, tagIds: string[], actor: Actor): void {
    this.changeTags(conversation, [], tagIds.filter((id) => conversation.tagIds.includes(id)), actor);
  }

  /** PATCH tag_ids replaces the whole set. */
  replaceTags(conversation: Conversation, tagIds: string[], actor: Actor): void {
    const added = tagIds.filter((id) => !conversation.tagIds.includes(id));
    const removed = conversation.tagIds.filter((id) => !tagIds.includes(id));
    this.changeTags(conversation, added, removed, actor);
  }

  move(conversation: Conversation, inboxId: string, actor: Actor): void {
    if (conversation.inboxId === inboxId) return;
    const channel = [...this.core.store.channels.values()].find((c) => c.inboxId === inboxId);
    conversation.inboxId = inboxId;
    if (channel) conversation.channelId = channel.id;
    this.touch(conversation);
    this.core.events.emit('move', conversation, actor.source, { type: 'inboxes', inboxId });
  }

  addComment(conversation: Conversation, authorId: string, body: string, isPinned: boolean, actor: Actor): Comment {
    const store = this.core.store;
    const comment: Comment = {
      id: store.ids.next('com'),
      seq: store.nextSeq(),
      conversationId: conversation.id,
      authorId,
      body,
      isPinned,
      postedAt: store.nowSeconds(),
    };
    store.comments.set(comment.id, comment);
    this.touch(conversation);
    this.core.recorder.comments.push({ ...this.stamp(conversation, actor), commentId: comment.id, authorId, body });
    const source = authorId === store.apiBotId ? actor.source : { type: 'teammate' as const, teammateId: authorId };
    this.core.events.emit('comment', conversation, source, { type: 'comment', commentId: comment.id });
    return comment;
  }

  touch(conversation: Conversation): void {
    conversation.updatedAt = this.core.store.nowSeconds();
  }

  private changeTags(conversation: Conversation, added: string[], removed: string[], actor: Actor): void {
    if (added.length === 0 && removed.length === 0) return;
    conversation.tagIds = [...conversation.tagIds.filter((id) => !removed.includes(id)), ...added];
    this.touch(conversation);
    this.core.recorder.tagChanges.push({ ...this.stamp(conversation, actor), added, removed });
    for (const tagId of added) this.core.events.emit('tag', conversation, actor.source, { type: 'tag', tagId });
    for (const tagId of removed) this.core.events.emit('untag', conversation, actor.source, { type: 'tag', tagId });
  }

  private stamp(conversation: Conversation, actor: Actor) {
    return { at: this.core.store.nowMs(), conversationId: conversation.id, via: actor.via };
  }
}
