import type { FrontClient } from '@front-agent/front-client';
import { readConversation, staleReason, unansweredCustomerMessages, type ConversationSnapshot } from './conversation-snapshot';

const snapshot = (messages: ConversationSnapshot['messages']): ConversationSnapshot => ({ conversationId: 'cnv_1', status: 'assigned', assigneeId: 'tea_ai', messages });
const customer = (createdAt: number) => ({ id: `msg_c${createdAt}`, inbound: true, authorId: null, createdAt, text: 'hi' });
const teammate = (createdAt: number, authorId = 'tea_alice') => ({ id: `msg_t${createdAt}`, inbound: false, authorId, createdAt, text: 'reply' });

describe('staleReason', () => {
  it('sees a teammate reply stamped just before the customer message (webhooks reordered)', () => {
    expect(staleReason(snapshot([customer(100), teammate(199.999), customer(200)]), 'tea_ai', 200)).toBe('teammate_replied');
  });

  it('ignores a teammate reply the AI has spoken after (the conversation was handed back)', () => {
    expect(staleReason(snapshot([teammate(195), teammate(196, 'tea_ai'), customer(200)]), 'tea_ai', 200)).toBeNull();
  });

  it('counts a reply just before a message that waited for the handover to the AI as before the handover', () => {
    expect(staleReason(snapshot([teammate(195), customer(200)]), 'tea_ai', 200, 230)).toBeNull();
    expect(staleReason(snapshot([teammate(195), customer(200), teammate(205)]), 'tea_ai', 200, 230)).toBe('teammate_replied');
  });

  it('does not take a bot\'s reply (a rule\'s auto-reply) for a takeover', () => {
    const autoReply = { ...teammate(200.5, 'tea_rule'), byBot: true };
    expect(staleReason(snapshot([customer(200), autoReply]), 'tea_ai', 200)).toBeNull();
    expect(unansweredCustomerMessages(snapshot([customer(200), autoReply]), 'tea_ai').map((m) => m.id)).toEqual(['msg_c200']);
  });

  it('ignores old history', () => {
    expect(staleReason(snapshot([teammate(100), customer(200)]), 'tea_ai', 200)).toBeNull();
  });

  it('sees a teammate reply after the customer message, an archive and a reassignment', () => {
    expect(staleReason(snapshot([customer(200), teammate(201)]), 'tea_ai', 200)).toBe('teammate_replied');
    expect(staleReason({ ...snapshot([]), status: 'archived' }, 'tea_ai', 200)).toBe('conversation_archived');
    expect(staleReason({ ...snapshot([]), assigneeId: 'tea_bob' }, 'tea_ai', 200)).toBe('reassigned');
  });

  it('judges a messages-only read by its messages alone (status and assignee were not read)', () => {
    const messagesOnly = { conversationId: 'cnv_1', status: 'unknown', assigneeId: null, messagesOnly: true as const };
    expect(staleReason({ ...messagesOnly, messages: [customer(200)] }, 'tea_ai', 200)).toBeNull();
    expect(staleReason({ ...messagesOnly, messages: [customer(200), teammate(201)] }, 'tea_ai', 200)).toBe('teammate_replied');
  });
});

describe('readConversation', () => {
  const messagesOf: Record<string, object[]> = {
    cnv_old: [],
    cnv_new: [
      { id: 'msg_2', is_inbound: false, author: { id: 'tea_ai' }, created_at: 20, text: 'answer' },
      { id: 'msg_1', is_inbound: true, author: null, created_at: 10, text: 'question' },
      { id: 'msg_d', is_inbound: false, author: { id: 'tea_ai' }, created_at: 30, text: 'draft', draft_mode: 'shared' },
    ],
  };
  const client = (merged: boolean) =>
    ({
      getConversation: async (id: string) => ({ id: merged ? 'cnv_new' : id, status: 'assigned', assignee: { id: 'tea_ai' } }),
      listConversationMessages: async function* (id: string) {
        yield* messagesOf[id] as never[];
      },
    }) as unknown as FrontClient;

  it('reads the messages oldest first, without drafts', async () => {
    const read = await readConversation(client(false), 'cnv_new');
    expect(read.messages.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
    expect(read).toMatchObject({ conversationId: 'cnv_new', status: 'assigned', assigneeId: 'tea_ai' });
  });

  it('reads the messages of the conversation a merged one now lives in', async () => {
    const read = await readConversation(client(true), 'cnv_old');
    expect(read.conversationId).toBe('cnv_new');
    expect(read.messages.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
  });
});
