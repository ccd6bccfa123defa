import { staleReason, type ConversationSnapshot } from './conversation-snapshot';

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

  it('ignores old history', () => {
    expect(staleReason(snapshot([teammate(100), customer(200)]), 'tea_ai', 200)).toBeNull();
  });

  it('sees a teammate reply after the customer message, an archive and a reassignment', () => {
    expect(staleReason(snapshot([customer(200), teammate(201)]), 'tea_ai', 200)).toBe('teammate_replied');
    expect(staleReason({ ...snapshot([]), status: 'archived' }, 'tea_ai', 200)).toBe('conversation_archived');
    expect(staleReason({ ...snapshot([]), assigneeId: 'tea_bob' }, 'tea_ai', 200)).toBe('reassigned');
  });
});
