import type { FrontEventV1 } from '@front-agent/contracts';
import { compareFrontOrder, IntegrationFacts, isEligibleForAiReply, isOlderThanApplied, nextStatus, replaySession, SessionFacts, SILENCE_REASONS } from './session-rules';

const integration: IntegrationFacts = { connected: true, enabled: true, handleUnassigned: false, aiTeammateId: 'tea_ai' };
const session = (facts: Partial<SessionFacts> = {}): SessionFacts => ({
  status: 'open',
  assigneeId: 'tea_ai',
  lastEmittedAt: 0,
  lastEventId: '',
  ...facts,
});
const event = (fields: Partial<FrontEventV1>): FrontEventV1 =>
  ({ type: 'inbound', emittedAt: 10, frontEventId: 'evt_b', isPreview: false, raw: {}, ...fields }) as FrontEventV1;

describe('isEligibleForAiReply', () => {
  it.each([
    ['assigned to the AI', session(), integration, true, undefined],
    ['assigned to someone else', session({ assigneeId: 'tea_alice' }), integration, false, SILENCE_REASONS.assignedElsewhere],
    ['unassigned, toggle off', session({ assigneeId: null }), integration, false, SILENCE_REASONS.unassignedNotHandled],
    ['unassigned, toggle on', session({ assigneeId: null }), { ...integration, handleUnassigned: true }, true, undefined],
    ['disabled', session(), { ...integration, enabled: false }, false, SILENCE_REASONS.disabled],
    ['disconnected', session(), { ...integration, connected: false }, false, SILENCE_REASONS.disconnected],
    ['no AI teammate', session(), { ...integration, aiTeammateId: null }, false, SILENCE_REASONS.noAiTeammate],
    ['handed off', session({ status: 'handed_off' }), integration, false, SILENCE_REASONS.handedOff],
    ['a human took over', session({ status: 'human_active' }), integration, false, SILENCE_REASONS.humanActive],
    ['archived after the (late) message', session({ status: 'resolved' }), integration, false, SILENCE_REASONS.archivedSince],
  ] as const)('%s', (_name, facts, settings, expected, reason) => {
    const decision = isEligibleForAiReply(facts, settings);
    expect(decision.requestReply).toBe(expected);
    if (!decision.requestReply) expect(decision.reason).toBe(reason);
  });
});

describe('nextStatus', () => {
  it('resolves on archive and reopens on reopen or a new inbound message', () => {
    expect(nextStatus(session(), event({ type: 'archive' }), integration)).toBe('resolved');
    expect(nextStatus(session({ status: 'resolved' }), event({ type: 'reopen' }), integration)).toBe('open');
    expect(nextStatus(session({ status: 'resolved' }), event({ type: 'inbound' }), integration)).toBe('open');
  });

  it("ignores the AI's own outbound message and marks a teammate's reply as a takeover", () => {
    const byAi = event({ type: 'outbound', author: { kind: 'teammate', teammateId: 'tea_ai' } });
    const byAlice = event({ type: 'outbound', author: { kind: 'teammate', teammateId: 'tea_alice' } });
    const byRule = event({ type: 'outbound', author: { kind: 'bot', teammateId: 'tea_rule' } });
    expect(nextStatus(session(), byAi, integration)).toBe('open');
    expect(nextStatus(session(), byAlice, integration)).toBe('human_active');
    expect(nextStatus(session(), byRule, integration)).toBe('open');
  });

  it('lets the AI answer again once the conversation is assigned back to it', () => {
    expect(nextStatus(session({ status: 'human_active' }), event({ type: 'assign', assigneeId: 'tea_ai' }), integration)).toBe('open');
    expect(nextStatus(session({ status: 'handed_off' }), event({ type: 'assign', assigneeId: 'tea_ai' }), integration)).toBe('open');
    expect(nextStatus(session({ status: 'handed_off' }), event({ type: 'assign', assigneeId: 'tea_bob' }), integration)).toBe('handed_off');
  });

  it('keeps the status through tags and comments', () => {
    expect(nextStatus(session({ status: 'handed_off' }), event({ type: 'tag' }), integration)).toBe('handed_off');
    expect(nextStatus(session({ status: 'handed_off' }), event({ type: 'comment' }), integration)).toBe('handed_off');
  });
});

describe('Front order', () => {
  it('calls an event older only when it was emitted before what was applied', () => {
    const applied = { lastEmittedAt: 10, lastEventId: 'evt_b' };
    expect(isOlderThanApplied(applied, { emittedAt: 9, frontEventId: 'evt_z' })).toBe(true);
    expect(isOlderThanApplied(applied, { emittedAt: 10, frontEventId: 'evt_a' })).toBe(false);
    expect(isOlderThanApplied(applied, { emittedAt: 11, frontEventId: 'evt_a' })).toBe(false);
  });

  it('sorts a batch by emitted_at, then by id compared naturally', () => {
    const events = [
      { emittedAt: 2, frontEventId: 'evt_10' },
      { emittedAt: 1, frontEventId: 'evt_z' },
      { emittedAt: 2, frontEventId: 'evt_9' },
    ];
    expect([...events].sort(compareFrontOrder).map((event) => event.frontEventId)).toEqual(['evt_z', 'evt_9', 'evt_10']);
  });
});

describe('replaySession', () => {
  const events = [
    event({ type: 'inbound', emittedAt: 1, frontEventId: 'evt_1', assigneeId: 'tea_ai' }),
    event({ type: 'out_reply', emittedAt: 2, frontEventId: 'evt_2', author: { kind: 'teammate', teammateId: 'tea_alice' } }),
    event({ type: 'archive', emittedAt: 3, frontEventId: 'evt_3' }),
    event({ type: 'reopen', emittedAt: 4, frontEventId: 'evt_4' }),
    event({ type: 'inbound', emittedAt: 5, frontEventId: 'evt_5' }),
  ];

  it('gives the same state whatever order the events arrived in', () => {
    const inOrder = replaySession(events, integration);
    expect(inOrder).toEqual({ status: 'open', assigneeId: 'tea_ai' });
    expect(replaySession([...events].reverse(), integration)).toEqual(inOrder);
  });

  it('does not let an older reopen undo a newer archive', () => {
    const late = [event({ type: 'reopen', emittedAt: 1, frontEventId: 'evt_a' }), event({ type: 'archive', emittedAt: 2, frontEventId: 'evt_b' })];
    expect(replaySession(late, integration).status).toBe('resolved');
  });

  it("keeps the AI's handoff in its place", () => {
    const handedOff = [...events.slice(0, 1), event({ type: 'ai.handed-off', emittedAt: 1.5, frontEventId: 'ai_1' })];
    expect(replaySession(handedOff, integration).status).toBe('handed_off');
  });
});
