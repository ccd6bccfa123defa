import type { FrontEventV1 } from '@front-agent/contracts';
import { SILENCE_REASONS } from '../../apps/conversation-sync/src/sessions/session-rules';
import { SyncSystem } from './sync-harness';

type Control = SyncSystem['sandbox'];

interface Scenario {
  name: string;
  /** Drives the sandbox (and the broker); returns the conversation to check. */
  run: (s: SyncSystem, control: Control, handle: string) => Promise<string> | string;
  requests: number;
  status: 'open' | 'handed_off' | 'human_active' | 'resolved';
  silentReason?: string;
}

const write = (control: Control, handle: string, text = 'How do I reset my password?', extra: Record<string, unknown> = {}) =>
  control.customerMessage({ channel: 'email', handle, text, ...extra }).conversationId;

const onAiTeammate = (control: Control, handle: string) => write(control, handle, 'first question', { assigneeId: 'tea_ai' });

/** The AI answered, a teammate took over, and the customer wrote again. */
const takenOverThenCustomerWrites = (control: Control, handle: string, text: string) => {
  const id = onAiTeammate(control, handle);
  control.teammateReply({ conversationId: id, teammateId: 'tea_alice', text: 'I will take it from here.' });
  write(control, handle, text, { conversationId: id });
  return id;
};

/** The conversation is then assigned to the AI teammate, as a Front rule or a teammate would. */
const thenAssignedToAi = (control: Control, conversationId: string) => {
  control.assign(conversationId, 'tea_ai');
  return conversationId;
};

type SessionRow = Awaited<ReturnType<SyncSystem['session']>>;

/** A later event applied first, then the customer message that came before it in Front's order. */
function lateMessageScenario(spec: Omit<Scenario, 'run'> & {
  key: string;
  later: (handle: string) => Partial<FrontEventV1> & Pick<FrontEventV1, 'type'>;
  appliedWhen: (session: SessionRow) => boolean;
  late: { secondsBefore: number; assigneeId: string | null; text: string };
}): Scenario {
  const { key, later, appliedWhen, late, ...expected } = spec;
  return {
    ...expected,
    run: async (s, _c, h) => {
      const id = `cnv_${key}_${h.replace(/\W/g, '')}`;
      const now = Date.now() / 1000;
      await s.publishFrontEvent({ ...later(h), frontEventId: `evt_${key}_b_${h}`, emittedAt: now, conversationId: id });
      await s.waitUntil(async () => {
        const session = await s.session(id);
        return session !== undefined && appliedWhen(session);
      });
      await publishLateCustomerMessage(s, id, `${key}_a`, h, { emittedAt: now - late.secondsBefore, assigneeId: late.assigneeId, text: late.text });
      return id;
    },
  };
}

/** A customer message's Front event published directly, to deliver it after what followed it in Front's order. */
const publishLateCustomerMessage = (s: SyncSystem, conversationId: string, key: string, handle: string, late: { emittedAt: number; assigneeId: string | null; text: string }) =>
  s.publishFrontEvent({
    type: 'inbound', frontEventId: `evt_${key}_${handle}`, conversationId, frontMessageId: `msg_${key}_${handle}`, direction: 'inbound',
    author: { kind: 'contact', handle }, ...late,
  });

const SCENARIOS: Scenario[] = [
  { name: 'assigned to the AI: a customer message asks for a reply', run: (_s, c, h) => onAiTeammate(c, h), requests: 1, status: 'open' },
  {
    name: 'assigned to another teammate: silent',
    run: (_s, c, h) => write(c, h, 'hi', { assigneeId: 'tea_alice' }),
    requests: 0,
    status: 'open',
    silentReason: SILENCE_REASONS.assignedElsewhere,
  },
  { name: 'unassigned while "handle unassigned" is off: silent', run: (_s, c, h) => write(c, h), requests: 0, status: 'open', silentReason: SILENCE_REASONS.unassignedNotHandled },
  {
    name: "the AI's own reply is recorded and changes nothing",
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.teammateReply({ conversationId: id, teammateId: 'tea_ai', text: 'Here is how.' });
      return id;
    },
    requests: 1,
    status: 'open',
  },
  {
    name: 'a teammate replied: the AI stays silent on the next message',
    run: (_s, c, h) => takenOverThenCustomerWrites(c, h, 'thanks, one more thing'),
    requests: 1,
    status: 'human_active',
    silentReason: SILENCE_REASONS.humanActive,
  },
  {
    name: 'after a takeover, assigned back to the AI: answers again',
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.teammateReply({ conversationId: id, teammateId: 'tea_alice', text: 'Let me check.' });
      c.assign(id, 'tea_alice');
      c.assign(id, 'tea_ai');
      write(c, h, 'still there?', { conversationId: id });
      return id;
    },
    requests: 2,
    status: 'open',
  },
  {
    name: 'archived: the session is resolved',
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.archive(id);
      return id;
    },
    requests: 1,
    status: 'resolved',
  },
  {
    name: 'a new customer message after archive reopens the session',
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.archive(id);
      write(c, h, 'it broke again', { conversationId: id });
      return id;
    },
    requests: 2,
    status: 'open',
  },
  {
    name: 'a takeover ends with archive; reopened, the AI may answer again',
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.teammateReply({ conversationId: id, teammateId: 'tea_alice', text: 'done' });
      c.archive(id);
      c.reopen(id);
      write(c, h, 'one more question', { conversationId: id });
      return id;
    },
    requests: 2,
    status: 'open',
  },
  {
    name: 'handed off: silent on later messages',
    run: async (s, c, h) => {
      const id = onAiTeammate(c, h);
      await s.settle();
      const session = await s.session(id);
      await s.publishAiOutcome(session.id, id, 'handed-off', 'customer_asked_for_human');
      await s.waitUntil(async () => (await s.session(id)).status === 'handed_off');
      c.assign(id, null);
      write(c, h, 'hello?', { conversationId: id });
      return id;
    },
    requests: 1,
    status: 'handed_off',
    silentReason: SILENCE_REASONS.handedOff,
  },
  {
    name: 'handed off, then assigned to the AI again: answers',
    run: async (s, c, h) => {
      const id = onAiTeammate(c, h);
      await s.settle();
      await s.publishAiOutcome((await s.session(id)).id, id, 'handed-off', 'no_knowledge');
      await s.waitUntil(async () => (await s.session(id)).status === 'handed_off');
      c.assign(id, null);
      c.assign(id, 'tea_ai');
      write(c, h, 'back to you', { conversationId: id });
      return id;
    },
    requests: 2,
    status: 'open',
  },
  {
    name: 'a tag on a handed-off session is history, not a status change',
    run: async (s, c, h) => {
      const id = onAiTeammate(c, h);
      await s.settle();
      await s.publishAiOutcome((await s.session(id)).id, id, 'handed-off', 'no_knowledge');
      await s.waitUntil(async () => (await s.session(id)).status === 'handed_off');
      await s.publishFrontEvent({ type: 'tag', frontEventId: `evt_tag_${h}`, emittedAt: Date.now() / 1000 + 5, conversationId: id, tagId: 'tag_vip', tagName: 'vip' });
      return id;
    },
    requests: 1,
    status: 'handed_off',
  },
  {
    name: 'reassigned to another teammate: history changes, status stays, the AI stays silent',
    run: (_s, c, h) => {
      const id = onAiTeammate(c, h);
      c.assign(id, 'tea_bob');
      write(c, h, 'anyone?', { conversationId: id });
      return id;
    },
    requests: 1,
    status: 'open',
    silentReason: SILENCE_REASONS.assignedElsewhere,
  },
  {
    name: 'a bot reply (rule) is not a human takeover',
    run: async (s, c, h) => {
      const id = onAiTeammate(c, h);
      await s.settle();
      await s.publishFrontEvent({
        type: 'outbound',
        frontEventId: `evt_bot_${h}`,
        emittedAt: Date.now() / 1000 + 5,
        conversationId: id,
        frontMessageId: `msg_bot_${h}`,
        direction: 'outbound',
        author: { kind: 'bot', teammateId: 'tea_rule', teammateType: 'rule' },
        text: 'Auto-reply: we got your message',
      });
      return id;
    },
    requests: 1,
    status: 'open',
  },
  {
    name: 'the same inbound event delivered twice asks once',
    run: async (s, _c, h) => {
      const id = `cnv_dup_${h.replace(/\W/g, '')}`;
      const event = {
        type: 'inbound',
        frontEventId: `evt_dup_${h}`,
        emittedAt: Date.now() / 1000,
        conversationId: id,
        assigneeId: 'tea_ai',
        frontMessageId: `msg_dup_${h}`,
        direction: 'inbound' as const,
        author: { kind: 'contact' as const, handle: h },
        channel: 'email' as const,
        text: 'twice?',
      };
      await s.publishFrontEvent(event);
      await s.publishFrontEvent(event);
      return id;
    },
    requests: 1,
    status: 'open',
  },
  lateMessageScenario({
    name: 'an older inbound event arriving after the archive is recorded but cannot reopen',
    key: 'late',
    later: () => ({ type: 'archive', assigneeId: 'tea_ai' }),
    appliedWhen: (session) => session.status === 'resolved',
    late: { secondsBefore: 10, assigneeId: 'tea_ai', text: 'sent before the archive' },
    requests: 0,
    status: 'resolved',
  }),
  lateMessageScenario({
    // A Front rule assigned the new conversation to the AI; Front delivered the two webhooks out of order.
    name: 'a customer message whose webhook comes after the assignment to the AI that followed it asks for a reply',
    key: 'lateassign',
    later: () => ({ type: 'assign', assigneeId: 'tea_ai' }),
    appliedWhen: (session) => session.assignee_id === 'tea_ai',
    late: { secondsBefore: 0.2, assigneeId: null, text: 'sent before the rule assigned it' },
    requests: 1,
    status: 'open',
  }),
  lateMessageScenario({
    name: 'a late customer message after which a teammate replied stays silent',
    key: 'latetakeover',
    later: (h) => ({
      type: 'out_reply', assigneeId: 'tea_ai', frontMessageId: `msg_latetakeover_b_${h}`, direction: 'outbound',
      author: { kind: 'teammate', teammateId: 'tea_alice' }, text: 'Alice here',
    }),
    appliedWhen: (session) => session.status === 'human_active',
    late: { secondsBefore: 0.2, assigneeId: 'tea_ai', text: 'sent before Alice replied' },
    requests: 0,
    status: 'human_active',
    silentReason: SILENCE_REASONS.humanActive,
  }),
  {
    name: 'unassigned, then a rule assigns it to the AI while the customer waits: asks for a reply',
    run: (_s, c, h) => thenAssignedToAi(c, write(c, h, 'anyone there?')),
    requests: 1,
    status: 'open',
  },
  {
    name: 'unassigned, a rule auto-replied, then it is assigned to the AI: still asks for a reply',
    run: (_s, c, h) => {
      const id = write(c, h, 'anyone there?');
      c.teammateReply({ conversationId: id, teammateId: 'tea_api', text: 'We got your message.' });
      return thenAssignedToAi(c, id);
    },
    requests: 1,
    status: 'open',
  },
  {
    name: 'assigned to another teammate, then to the AI while the customer waits: asks for a reply',
    run: (_s, c, h) => thenAssignedToAi(c, write(c, h, 'hello?', { assigneeId: 'tea_bob' })),
    requests: 1,
    status: 'open',
  },
  {
    name: 'a teammate replied, the customer wrote again, then it is assigned back to the AI: answers the waiting message',
    run: (_s, c, h) => {
      const id = takenOverThenCustomerWrites(c, h, 'one more thing');
      c.assign(id, 'tea_alice');
      return thenAssignedToAi(c, id);
    },
    requests: 2,
    status: 'open',
  },
  {
    name: 'assigned to the AI after a teammate answered the customer: nothing to answer',
    run: (_s, c, h) => {
      const id = write(c, h, 'question for a person', { assigneeId: 'tea_alice' });
      c.teammateReply({ conversationId: id, teammateId: 'tea_alice', text: 'Answered.' });
      return thenAssignedToAi(c, id);
    },
    requests: 0,
    status: 'open',
  },
  { name: 'an SMS conversation is on the sms channel', run: (_s, c, h) => c.customerMessage({ channel: 'sms', handle: `+1555${h.length}0101`, text: 'hi', assigneeId: 'tea_ai' }).conversationId, requests: 1, status: 'open' },
  {
    name: 'a teammate comment is recorded; the status stays',
    run: async (s, c, h) => {
      const id = onAiTeammate(c, h);
      await s.settle();
      await s.publishFrontEvent({
        type: 'comment',
        frontEventId: `evt_com_${h}`,
        emittedAt: Date.now() / 1000 + 5,
        conversationId: id,
        commentId: `com_${h}`,
        direction: 'internal',
        author: { kind: 'teammate', teammateId: 'tea_alice' },
        text: 'internal note',
      });
      return id;
    },
    requests: 1,
    status: 'open',
  },
];

const UNASSIGNED_ON: Scenario[] = [
  { name: 'unassigned while "handle unassigned" is on: asks for a reply', run: (_s, c, h) => write(c, h), requests: 1, status: 'open' },
  { name: 'assigned to another teammate, even with unassigned on: silent', run: (_s, c, h) => write(c, h, 'x', { assigneeId: 'tea_bob' }), requests: 0, status: 'open', silentReason: SILENCE_REASONS.assignedElsewhere },
];

const DISABLED: Scenario[] = [
  { name: '"Enabled" off: silent (the ingress drops everything)', run: (_s, c, h) => onAiTeammate(c, h), requests: 0, status: 'open' },
];

describe('conversation-sync decides when the AI may answer', () => {
  let s: SyncSystem;
  const results = new Map<string, { conversationId: string }>();

  beforeAll(async () => {
    s = await SyncSystem.start('scenarios');
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  async function runAll(scenarios: Scenario[], prefix: string) {
    for (const [index, scenario] of scenarios.entries()) {
      results.set(scenario.name, { conversationId: await scenario.run(s, s.sandbox, `${prefix}${index}@customer.test`) });
    }
    await s.settle();
  }

  it('runs every scenario', async () => {
    await runAll(SCENARIOS, 'base');
    await s.updateSettings({ handleUnassigned: true });
    await runAll(UNASSIGNED_ON, 'unassigned');
    await s.updateSettings({ handleUnassigned: false, enabled: false });
    await runAll(DISABLED, 'disabled');
    await s.updateSettings({ enabled: true });
  }, 120_000);

  it.each([...SCENARIOS, ...UNASSIGNED_ON, ...DISABLED].map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const { conversationId } = results.get(scenario.name)!;
    const session = await s.session(conversationId);
    expect({ requests: s.requestsFor(conversationId).length, status: session?.status ?? 'open' }).toEqual({
      requests: scenario.requests,
      status: scenario.status,
    });
    if (scenario.silentReason) expect(session.silent_reason).toBe(scenario.silentReason);
  });

  it('links a returning customer to the same contact', async () => {
    const first = s.sandbox.customerMessage({ channel: 'email', handle: 'Returning@Customer.test', text: 'one', assigneeId: 'tea_ai' });
    const second = s.sandbox.customerMessage({ channel: 'email', handle: 'returning@customer.test', text: 'two', assigneeId: 'tea_ai' });
    await s.settle();
    const [a, b] = [await s.session(first.conversationId), await s.session(second.conversationId)];
    expect(a.contact_id).toBeTruthy();
    expect(a.contact_id).toBe(b.contact_id);
  });

  it('keeps the whole transcript and history after a handoff', async () => {
    const { conversationId } = results.get('a tag on a handed-off session is history, not a status change')!;
    const session = await s.session(conversationId);
    const timeline = await s.timeline(session.id);
    expect(timeline.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['event', 'decision', 'ai', 'status', 'tag']));
    const transcript = await s.transcript(session.id);
    expect(transcript[0]).toMatchObject({ kind: 'message', author_kind: 'customer', text: 'first question' });
  });

  it('tells the AI when a late message was assigned to it afterwards, so a reply just before the message is no takeover', async () => {
    const id = 'cnv_late_handback';
    const now = Math.round(Date.now()) / 1000;
    const alice = { kind: 'teammate' as const, teammateId: 'tea_alice' };
    await s.publishFrontEvent({
      type: 'out_reply', frontEventId: 'evt_lhb_1', emittedAt: now - 2, conversationId: id, assigneeId: 'tea_alice',
      frontMessageId: 'msg_lhb_1', direction: 'outbound', author: alice, text: 'Over to our assistant.',
    });
    await s.publishFrontEvent({ type: 'assign', frontEventId: 'evt_lhb_3', emittedAt: now, conversationId: id, assigneeId: 'tea_ai' });
    await s.waitUntil(async () => (await s.session(id))?.assignee_id === 'tea_ai');
    await publishLateCustomerMessage(s, id, 'lhb_2', 'lhb@customer.test', { emittedAt: now - 1, assigneeId: 'tea_alice', text: 'How do I reset my password?' });
    await s.capture.waitFor(() => s.requestsFor(id).length > 0, 10_000);
    await s.settle();
    const triggers = s.requestsFor(id).map((request) => (request.body as { trigger: { frontMessageId: string; assignedToAiAt?: number } }).trigger);
    expect(triggers).toHaveLength(1);
    expect(triggers[0].frontMessageId).toBe('msg_lhb_2_lhb@customer.test');
    expect(triggers[0].assignedToAiAt).toBeCloseTo(now, 3);
  });

  it('records the channel of each session', async () => {
    const { conversationId } = results.get('an SMS conversation is on the sms channel')!;
    expect((await s.session(conversationId)).channel).toBe('sms');
  });

  it('asks ai-responder to check the drafts at every event of a conversation with an AI draft, and never elsewhere', async () => {
    const checksFor = (conversationId: string) =>
      s.capture.messages.filter((m) => m.routingKey === 'conversation.draft-check-requested' && m.body.conversationId === conversationId);
    const drafted = s.sandbox.customerMessage({ channel: 'email', handle: 'copilot@customer.test', text: 'A question for a draft', assigneeId: 'tea_ai' });
    const autopilot = s.sandbox.customerMessage({ channel: 'email', handle: 'autopilot@customer.test', text: 'A question for a reply', assigneeId: 'tea_ai' });
    await s.settle();
    const session = await s.session(drafted.conversationId);
    await s.publishAiOutcome(session.id, drafted.conversationId, 'drafted');
    await s.capture.waitFor(() => checksFor(drafted.conversationId).length === 1);
    expect(checksFor(drafted.conversationId)[0].body).toMatchObject({ sessionId: session.id, integrationId: s.integrationId, cause: 'ai.drafted' });

    s.sandbox.teammateReply({ conversationId: drafted.conversationId, teammateId: 'tea_alice', text: 'Sent by hand' });
    s.sandbox.teammateReply({ conversationId: autopilot.conversationId, teammateId: 'tea_alice', text: 'Sent by hand' });
    await s.settle();
    const checks = checksFor(drafted.conversationId);
    expect(checks).toHaveLength(2);
    expect(checks[1].body.cause).toMatch(/^front\.out(bound|_reply) /);
    expect(checksFor(autopilot.conversationId)).toHaveLength(0);
  });
});
