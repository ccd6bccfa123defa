import { isBotTeammateType, type FrontClient, type FrontMessage } from '@front-agent/front-client';

/** One message of the conversation, as the stale guard and coalescing read it. */
export interface SnapshotMessage {
  id: string;
  inbound: boolean;
  authorId: string | null;
  /** Unix seconds. */
  createdAt: number;
  text: string;
  /** Sent by a bot (a rule's auto-reply, another integration): neither a takeover nor an answer. */
  byBot?: boolean;
}

/** The conversation as Front shows it right now: status, assignee and its latest messages, oldest first. */
export interface ConversationSnapshot {
  conversationId: string;
  status: string;
  assigneeId: string | null;
  messages: SnapshotMessage[];
  /** Only the messages were read: status and assignee are left to the read right before posting. */
  messagesOnly?: boolean;
}

const RECENT_MESSAGES = 30;
/** How far before the customer's message a teammate's reply still counts as a takeover (webhook reordering). */
export const TAKEOVER_LOOKBACK_SECONDS = 15;

/** Reads the conversation and its latest messages (one page, newest first from Front). */
export async function readConversation(client: FrontClient, conversationId: string): Promise<ConversationSnapshot> {
  // Both reads at once: they are the answer's critical path. A merged conversation answers with its
  // new id, whose messages are then read again.
  const [conversation, listed] = await Promise.all([client.getConversation(conversationId), recentMessages(client, conversationId)]);
  const currentId = conversation.id ?? conversationId;
  const messages = currentId === conversationId ? listed : await recentMessages(client, currentId);
  messages.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { conversationId: currentId, status: conversation.status ?? 'unknown', assigneeId: conversation.assignee?.id ?? null, messages };
}

/**
 * Reads only the latest messages: enough to coalesce a burst and to see a
 * teammate's reply before composing. conversation-sync asked for the answer
 * because the conversation was open and the AI's; the full read right before
 * posting is what guards the reply, so the first one saves a Front call.
 */
export async function readMessages(client: FrontClient, conversationId: string): Promise<ConversationSnapshot> {
  const messages = await recentMessages(client, conversationId);
  messages.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { conversationId, status: 'unknown', assigneeId: null, messages, messagesOnly: true };
}

/** An outbound message by a teammate: not the AI's, not a bot's. */
function isPersonReply(message: SnapshotMessage, aiTeammateId: string): boolean {
  return !message.inbound && !message.byBot && message.authorId !== aiTeammateId;
}

function isDraft(message: FrontMessage): boolean {
  return Boolean((message as { is_draft?: boolean }).is_draft) || message.draft_mode != null;
}

/** Why the AI must not post now, or null: archived, reassigned away from it, or a teammate replied since the trigger. */
export function staleReason(snapshot: ConversationSnapshot, aiTeammateId: string, triggerAt: number, assignedToAiAt?: number): string | null {
  if (!snapshot.messagesOnly) {
    if (snapshot.status === 'archived' || snapshot.status === 'deleted') return 'conversation_archived';
    if (snapshot.assigneeId !== null && snapshot.assigneeId !== aiTeammateId) return 'reassigned';
  }
  // Webhooks arrive out of order: a teammate's reply stamped just before the customer's message may reach
  // us after it. Such a reply still took the conversation over, unless the AI has spoken since.
  const lastAiBefore = snapshot.messages.reduce((latest, m) => (!m.inbound && m.authorId === aiTeammateId && m.createdAt < triggerAt ? Math.max(latest, m.createdAt) : latest), -Infinity);
  // A message that waited until the conversation was given to the AI: a reply just before it came before
  // the handover, so only replies since the message itself count.
  const from = assignedToAiAt === undefined ? triggerAt - TAKEOVER_LOOKBACK_SECONDS : Math.min(triggerAt, assignedToAiAt);
  const since = Math.max(lastAiBefore, from);
  const teammateReply = snapshot.messages.find((m) => isPersonReply(m, aiTeammateId) && m.createdAt >= since);
  return teammateReply ? 'teammate_replied' : null;
}

/**
 * Customer messages since the last reply by a person (a teammate), oldest
 * first. The AI's own replies do not cut the list: Front creates a reply a
 * moment after accepting it, so a customer message can land before it; which
 * messages the AI answered is the journal's to say, not the timestamps'.
 */
export function unansweredCustomerMessages(snapshot: ConversationSnapshot, aiTeammateId: string): SnapshotMessage[] {
  const lastHumanReply = snapshot.messages.reduce((index, message, i) => (isPersonReply(message, aiTeammateId) ? i : index), -1);
  return snapshot.messages.slice(lastHumanReply + 1).filter((message) => message.inbound);
}

/** The AI's own reply posted after the trigger (a crash between posting and recording it). */
export function aiReplyAfter(snapshot: ConversationSnapshot, aiTeammateId: string, triggerAt: number): SnapshotMessage | undefined {
  return snapshot.messages.find((m) => !m.inbound && m.authorId === aiTeammateId && m.createdAt >= triggerAt);
}

/** Whether the AI replied earlier in the conversation (so a "thanks, that worked" refers to its answer). */
export function aiRepliedBefore(snapshot: ConversationSnapshot, aiTeammateId: string): boolean {
  return snapshot.messages.some((m) => !m.inbound && m.authorId === aiTeammateId);
}

async function recentMessages(client: FrontClient, conversationId: string): Promise<SnapshotMessage[]> {
  const messages: SnapshotMessage[] = [];
  for await (const message of client.listConversationMessages(conversationId, { pageSize: RECENT_MESSAGES })) {
    if (isDraft(message)) continue;
    messages.push({
      id: message.id ?? '',
      inbound: message.is_inbound === true,
      authorId: message.author?.id ?? null,
      createdAt: Number(message.created_at ?? 0),
      text: message.text ?? message.blurb ?? '',
      byBot: isBotTeammateType(message.author?.type),
    });
    if (messages.length >= RECENT_MESSAGES) break;
  }
  return messages;
}
