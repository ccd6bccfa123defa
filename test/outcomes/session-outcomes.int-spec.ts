import { OutcomeReviewService } from '../../apps/conversation-sync/src/outcomes/outcome-review.service';
import { SILENCE_REASONS } from '../../apps/conversation-sync/src/sessions/session-rules';
import { SyncSystem } from '../sync/sync-harness';

const HOUR = 3600;

/** Drives one conversation with events at chosen times (seconds before now), each applied before the next. */
class Conversation {
  private seq = 0;
  constructor(
    private readonly s: SyncSystem,
    readonly id: string,
    private readonly handle: string,
    private readonly now: number,
  ) {}

  customer(hoursAgo: number, assigneeId: string | null = 'tea_ai') {
    return this.send({ type: 'inbound', direction: 'inbound', author: { kind: 'contact', handle: this.handle }, text: 'my order is late', channel: 'email', assigneeId }, hoursAgo);
  }
  aiReply(hoursAgo: number) {
    return this.send({ type: 'outbound', direction: 'outbound', author: { kind: 'teammate', teammateId: 'tea_ai' }, text: 'It ships tomorrow.' }, hoursAgo);
  }
  humanReply(hoursAgo: number) {
    return this.send({ type: 'outbound', direction: 'outbound', author: { kind: 'teammate', teammateId: 'tea_alice' }, text: 'Let me look.' }, hoursAgo);
  }
  archive(hoursAgo: number) {
    return this.send({ type: 'archive' }, hoursAgo);
  }
  assign(hoursAgo: number, assigneeId: string) {
    return this.send({ type: 'assign', assigneeId, author: { kind: 'teammate', teammateId: 'tea_alice' } }, hoursAgo);
  }
  reopen(hoursAgo: number) {
    return this.send({ type: 'reopen' }, hoursAgo);
  }
  async handOff(reason: string) {
    const [session] = await this.s.syncDb.query('SELECT id FROM sync.sessions WHERE conversation_id = $1', [this.id]);
    await this.s.publishAiOutcome(session.id, this.id, 'handed-off', reason);
    await this.s.waitUntil(async () => (await this.row()).handed_off_at !== null);
  }
  async row(): Promise<{ id: string; outcome: string; outcome_reason: string | null; handed_off_at: Date | null }> {
    const [row] = await this.s.syncDb.query('SELECT * FROM sync.sessions WHERE conversation_id = $1', [this.id]);
    return row;
  }

  private async send(fields: Record<string, unknown>, hoursAgo: number) {
    this.seq += 1;
    const frontEventId = `evt_${this.id}_${this.seq}`;
    const message = fields.type === 'inbound' || fields.type === 'outbound' ? { frontMessageId: `msg_${this.id}_${this.seq}` } : {};
    await this.s.publishFrontEvent({ ...fields, ...message, type: fields.type as string, frontEventId, emittedAt: this.now - hoursAgo * HOUR, conversationId: this.id } as never);
    await this.s.waitUntil(async () => (await this.s.syncDb.query('SELECT 1 FROM sync.applied_events WHERE front_event_id = $1', [frontEventId])).length === 1);
  }
}

interface Scenario {
  name: string;
  run: (c: Conversation, s: SyncSystem) => Promise<unknown>;
  outcome: string;
  reason?: string | null;
  /** Settings the scenario needs (applied before, restored after). */
  settings?: Record<string, unknown>;
}

const SCENARIOS: Scenario[] = [
  { name: 'AI answered, archived an hour ago: resolution pending', run: async (c) => (await c.customer(3), await c.aiReply(2), await c.archive(1)), outcome: 'ai_resolved_pending' },
  { name: 'AI answered, archived beyond the reopen window: resolved', run: async (c) => (await c.customer(102), await c.aiReply(101), await c.archive(100)), outcome: 'ai_resolved' },
  {
    name: 'reopened within the window: not resolved',
    run: async (c) => (await c.customer(52), await c.aiReply(51), await c.archive(50), await c.reopen(10)),
    outcome: 'in_progress',
  },
  {
    name: 'reopened by the customer within the window: not resolved',
    run: async (c) => (await c.customer(6), await c.aiReply(5), await c.archive(4), await c.customer(1)),
    outcome: 'in_progress',
  },
  {
    name: 'reopened after the window: the resolution stands',
    run: async (c) => (await c.customer(200), await c.aiReply(199), await c.archive(190), await c.reopen(10)),
    outcome: 'ai_resolved',
  },
  { name: 'handed off: handed_off with its reason', run: async (c) => (await c.customer(2), await c.handOff('customer_asked_for_human')), outcome: 'handed_off', reason: 'customer_asked_for_human' },
  {
    name: 'handed off, then archived: still a handoff, never a resolution',
    run: async (c) => (await c.customer(200), await c.aiReply(199), await c.handOff('no_knowledge'), await c.archive(-1)),
    outcome: 'handed_off',
    reason: 'no_knowledge',
  },
  { name: 'a teammate replied after the AI: human took over', run: async (c) => (await c.customer(3), await c.aiReply(2), await c.humanReply(1)), outcome: 'human_took_over' },
  {
    name: 'a teammate replied after the AI, then archived: human took over, not resolved',
    run: async (c) => (await c.customer(300), await c.aiReply(299), await c.humanReply(298), await c.archive(297)),
    outcome: 'human_took_over',
  },
  { name: 'a teammate answered before the AI could: human took over', run: async (c) => (await c.customer(2), await c.humanReply(1)), outcome: 'human_took_over' },
  { name: 'silent: assigned to another teammate', run: (c) => c.customer(1, 'tea_bob'), outcome: 'ai_silent', reason: SILENCE_REASONS.assignedElsewhere },
  { name: 'silent: unassigned while "handle unassigned" is off', run: (c) => c.customer(1, null), outcome: 'ai_silent', reason: SILENCE_REASONS.unassignedNotHandled },
  { name: 'silent: the integration is disabled', run: (c) => c.customer(1), outcome: 'ai_silent', reason: SILENCE_REASONS.disabled, settings: { enabled: false } },
  {
    name: 'silent: reassigned to a teammate after the AI answered',
    run: async (c) => (await c.customer(5), await c.aiReply(4), await c.assign(3, 'tea_bob'), await c.customer(1, 'tea_bob')),
    outcome: 'ai_silent',
    reason: SILENCE_REASONS.assignedElsewhere,
  },
  { name: 'no customer reply for the window after the AI answered, not archived: abandoned', run: async (c) => (await c.customer(101), await c.aiReply(100)), outcome: 'abandoned' },
  { name: 'AI answered recently, no customer reply yet: in progress', run: async (c) => (await c.customer(11), await c.aiReply(10)), outcome: 'in_progress' },
  { name: 'the customer wrote again after the AI answered: in progress', run: async (c) => (await c.customer(12), await c.aiReply(11), await c.customer(1)), outcome: 'in_progress' },
];

describe('session outcomes are strict and follow the facts', () => {
  let s: SyncSystem;
  const conversations = new Map<string, Conversation>();
  const now = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    s = await SyncSystem.start('outcomes', 1, { RECONCILE_INTERVAL_SECONDS: '0', OUTCOME_REVIEW_INTERVAL_SECONDS: '0' });
    for (const [index, scenario] of SCENARIOS.entries()) {
      const conversation = new Conversation(s, `cnv_outcome_${index}`, `outcome${index}@customer.test`, now);
      conversations.set(scenario.name, conversation);
      if (scenario.settings) await s.updateSettings(scenario.settings);
      await scenario.run(conversation, s);
      if (scenario.settings) await s.updateSettings({ enabled: true });
    }
    await s.settle();
    await s.system.appOf('conversation-sync').get(OutcomeReviewService).reviewDue();
  }, 120_000);

  afterAll(async () => {
    await s.stop();
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const row = await conversations.get(scenario.name)!.row();
    expect({ outcome: row.outcome, reason: row.outcome_reason }).toEqual({ outcome: scenario.outcome, reason: scenario.reason ?? null });
  });

  it('puts every outcome change on the session history: a reopen takes the pending resolution back', async () => {
    const row = await conversations.get('reopened within the window: not resolved')!.row();
    const history = await s.syncDb.query(`SELECT details FROM sync.session_timeline WHERE session_id = $1 AND kind = 'outcome' ORDER BY id`, [row.id]);
    expect(history.map((entry: { details: { from: string; to: string } }) => `${entry.details.from}→${entry.details.to}`)).toEqual([
      'in_progress→ai_resolved_pending',
      'ai_resolved_pending→in_progress',
    ]);
  });

  it('settles a pending resolution when the window ends, and a later reopen does not undo it', async () => {
    const conversation = conversations.get('AI answered, archived an hour ago: resolution pending')!;
    const review = s.system.appOf('conversation-sync').get(OutcomeReviewService);
    expect(await review.reviewDue(new Date(Date.now() + 50 * HOUR * 1000))).toBeGreaterThan(0);
    expect((await conversation.row()).outcome).toBe('ai_resolved_pending');
    await review.reviewDue(new Date(Date.now() + 72 * HOUR * 1000));
    expect((await conversation.row()).outcome).toBe('ai_resolved');
    await conversation.reopen(-1);
    expect((await conversation.row()).outcome).toBe('ai_resolved');
  });
});
