import { parseMessage } from '@front-agent/contracts';
import { FrontEventNormalizer, WebhookOrigin } from './front-event-normalizer';

const origin: WebhookOrigin = { orgId: 'org_1', integrationId: 'int_1', deliveredBy: 'application', correlationId: 'c1' };
const normalizer = new FrontEventNormalizer();

const teammate = { id: 'tea_alice', email: 'alice@x.test', first_name: 'Alice', last_name: 'Ng', is_blocked: false };

function inboundPayload() {
  return {
    _links: { self: 'https://acme.api.frontapp.com/events/evt_1' },
    id: 'evt_1',
    type: 'inbound',
    emitted_at: 1694046470.93,
    conversation: { id: 'cnv_1', subject: 'Password', status: 'unassigned', assignee: null, recipient: { handle: 'sam@c.test', role: 'from' } },
    source: { _meta: { type: 'inboxes' }, data: [{ id: 'inb_1', name: 'Support', is_private: false }] },
    target: {
      _meta: { type: 'message' },
      data: {
        id: 'msg_1',
        type: 'email',
        is_inbound: true,
        author: null,
        body: '<p>How do I reset my password?</p>',
        text: 'How do I reset my password?',
        recipients: [
          { handle: 'sam@c.test', name: 'Sam', role: 'from' },
          { handle: 'support@acme.test', role: 'to' },
        ],
      },
    },
  };
}

describe('FrontEventNormalizer', () => {
  it('normalises an inbound customer email into a valid front.event', () => {
    const event = normalizer.normalize(inboundPayload(), origin, 'inbound');
    expect(() => parseMessage('front.inbound', event)).not.toThrow();
    expect(event).toMatchObject({
      messageId: 'evt_1',
      frontEventId: 'evt_1',
      type: 'inbound',
      emittedAt: 1694046470.93,
      conversationId: 'cnv_1',
      assigneeId: null,
      frontMessageId: 'msg_1',
      direction: 'inbound',
      channel: 'email',
      author: { kind: 'contact', handle: 'sam@c.test', name: 'Sam' },
      text: 'How do I reset my password?',
      isPreview: false,
    });
  });

  it('names the teammate who wrote an outbound message, and flags bots', () => {
    const payload = inboundPayload();
    payload.type = 'outbound';
    Object.assign(payload.target.data, { is_inbound: false, author: { ...teammate, type: 'user' } });
    expect(normalizer.normalize(payload, origin, 'outbound')).toMatchObject({
      direction: 'outbound',
      author: { kind: 'teammate', teammateId: 'tea_alice', name: 'Alice Ng' },
    });
    Object.assign(payload.target.data, { author: { id: 'tea_rule', type: 'rule' } });
    expect(normalizer.normalize(payload, origin, 'outbound').author?.kind).toBe('bot');
  });

  it('reads an archive (no target) with the teammate as its source', () => {
    const archive = {
      id: 'evt_2',
      type: 'archive',
      emitted_at: 1694046480,
      conversation: { id: 'cnv_1', status: 'archived', assignee: teammate },
      source: { _meta: { type: 'teammate' }, data: teammate },
    };
    expect(normalizer.normalize(archive, origin, 'archive')).toMatchObject({
      type: 'archive',
      conversationStatus: 'archived',
      assigneeId: 'tea_alice',
      author: { kind: 'teammate', teammateId: 'tea_alice' },
      isPreview: false,
    });
  });

  it('takes the new assignee from an assign target and null from an unassign', () => {
    const assign = { id: 'evt_3', type: 'assign', emitted_at: 1, conversation: { id: 'cnv_1', status: 'assigned' }, target: { _meta: { type: 'teammate' }, data: { id: 'tea_ai' } } };
    expect(normalizer.normalize(assign, origin, 'assign').assigneeId).toBe('tea_ai');
    const unassign = { id: 'evt_4', type: 'unassign', emitted_at: 2, conversation: { id: 'cnv_1', status: 'unassigned', assignee: teammate } };
    expect(normalizer.normalize(unassign, origin, 'unassign').assigneeId).toBeNull();
  });

  it('marks a rule-webhook preview (ids and links only) for hydration', () => {
    const preview = {
      _links: { self: 'https://acme.api.frontapp.com/events/evt_5', related: { conversation: 'https://acme.api.frontapp.com/conversations/cnv_9' } },
      id: 'evt_5',
      type: 'inbound',
      emitted_at: 3,
      conversation: { _links: { self: 'https://acme.api.frontapp.com/conversations/cnv_9' }, id: 'cnv_9' },
      target: { _meta: { type: 'message' }, data: { _links: { self: 'x' }, id: 'msg_9' } },
    };
    const event = normalizer.normalize(preview, { ...origin, deliveredBy: 'rule' }, 'inbound');
    expect(event).toMatchObject({ isPreview: true, conversationId: 'cnv_9', frontMessageId: 'msg_9', deliveredBy: 'rule' });
  });

  it('maps application webhook names to Events-API types when the payload has none', () => {
    expect(normalizer.eventTypeOf({}, 'inbound_received')).toBe('inbound');
    expect(normalizer.eventTypeOf({}, 'new_comment_added')).toBe('comment');
    expect(normalizer.eventTypeOf({ type: 'out_reply' }, 'outbound_sent')).toBe('out_reply');
  });

  it.each([
    ['email', 'email'],
    ['custom', 'web'],
    ['smooch', 'web'],
    ['intercom', 'web'],
    ['sms', 'sms'],
    ['whatsapp', 'whatsapp'],
    ['call', 'voice'],
    ['something_new', 'web'],
  ])('puts a %s message on the %s channel', (messageType, channel) => {
    const payload = inboundPayload();
    payload.target.data.type = messageType;
    expect(normalizer.normalize(payload, origin, 'inbound').channel).toBe(channel);
  });
});
