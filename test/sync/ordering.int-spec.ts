import { DataSource } from 'typeorm';
import type { FrontEventV1 } from '@front-agent/contracts';
import { SyncSystem } from './sync-harness';

type Step = Pick<FrontEventV1, 'type'> & Partial<FrontEventV1>;
const customer = (handle: string): Step => ({ type: 'inbound', direction: 'inbound', author: { kind: 'contact', handle }, text: 'hello' });
const human = (teammateId: string): Step => ({ type: 'out_reply', direction: 'outbound', author: { kind: 'teammate', teammateId }, text: 'reply' });
const assign = (teammateId: string | null): Step => (teammateId ? { type: 'assign', assigneeId: teammateId } : { type: 'unassign', assigneeId: null });

/** Ten events each, with the end state worked out by hand in Front's order. */
const TEMPLATES: Array<{ steps: (handle: string) => Step[]; status: string; assignee: string | null }> = [
  {
    steps: (h) => [{ ...customer(h), assigneeId: 'tea_ai' }, human('tea_alice'), customer(h), { type: 'archive' }, { type: 'reopen' }, customer(h), assign('tea_bob'), customer(h), assign('tea_ai'), customer(h)],
    status: 'open',
    assignee: 'tea_ai',
  },
  {
    steps: (h) => [{ ...customer(h), assigneeId: 'tea_ai' }, customer(h), human('tea_alice'), { type: 'tag', tagId: 'tag_vip' }, customer(h), assign('tea_alice'), customer(h), { type: 'archive' }, { type: 'tag', tagId: 'tag_bug' }, { type: 'untag', tagId: 'tag_vip' }],
    status: 'resolved',
    assignee: 'tea_alice',
  },
  {
    steps: (h) => [{ ...customer(h), assigneeId: 'tea_ai' }, { type: 'archive' }, customer(h), human('tea_alice'), { type: 'archive' }, { type: 'reopen' }, assign('tea_ai'), customer(h), human('tea_ai'), assign(null)],
    status: 'open',
    assignee: null,
  },
  {
    steps: (h) => [{ ...customer(h), assigneeId: 'tea_ai' }, human('tea_ai'), customer(h), human('tea_ai'), assign('tea_alice'), human('tea_alice'), assign(null), customer(h), assign('tea_bob'), customer(h)],
    status: 'human_active',
    assignee: 'tea_bob',
  },
];

function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

describe('conversation-sync with two replicas', () => {
  let s: SyncSystem;

  beforeAll(async () => {
    s = await SyncSystem.start('ordering', 2);
  }, 60_000);

  afterAll(async () => {
    await s.stop();
  });

  it('ends every session in the state Front\'s order gives, from 200 events delivered shuffled', async () => {
    const base = Math.floor(Date.now() / 1000);
    const expected = new Map<string, { status: string; assignee: string | null }>();
    const events: Array<Step & { frontEventId: string; emittedAt: number; conversationId: string }> = [];
    for (let conversation = 0; conversation < 20; conversation += 1) {
      const template = TEMPLATES[conversation % TEMPLATES.length];
      const conversationId = `cnv_order_${conversation}`;
      expected.set(conversationId, { status: template.status, assignee: template.assignee });
      template.steps(`order${conversation}@customer.test`).forEach((step, index) => {
        events.push({
          ...step,
          conversationId,
          frontEventId: `evt_order_${conversation}_${index}`,
          emittedAt: base + index,
          ...(step.type === 'inbound' || step.type === 'out_reply' ? { frontMessageId: `msg_order_${conversation}_${index}` } : {}),
        });
      });
    }
    expect(events).toHaveLength(200);
    for (const event of shuffled(events, 42)) await s.publishFrontEvent(event);
    await s.settle();

    const db = s.system.appOf('conversation-sync').get(DataSource);
    const rows: Array<{ conversation_id: string; status: string; assignee_id: string | null }> = await db.query(
      "SELECT conversation_id, status, assignee_id FROM sync.sessions WHERE conversation_id LIKE 'cnv_order_%'",
    );
    expect(rows).toHaveLength(20);
    const actual = new Map(rows.map((row) => [row.conversation_id, { status: row.status, assignee: row.assignee_id }]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    const [{ count }] = await db.query("SELECT count(*)::int AS count FROM sync.session_events WHERE front_event_id LIKE 'evt_order_%'");
    expect(count).toBe(200);
  }, 90_000);

  it('requests nothing once the disconnect is applied, even with events in flight', async () => {
    const base = Date.now() / 1000;
    const publish = (index: number) =>
      s.publishFrontEvent({
        ...customer(`inflight${index}@customer.test`),
        assigneeId: 'tea_ai',
        conversationId: `cnv_inflight_${index}`,
        frontEventId: `evt_inflight_${index}`,
        frontMessageId: `msg_inflight_${index}`,
        emittedAt: base + index / 1000,
      });
    for (let index = 0; index < 30; index += 1) await publish(index);
    const disconnect = s.system.api(s.org.adminKey, 'DELETE', '/v1/integrations/front');
    for (let index = 30; index < 60; index += 1) {
      await publish(index);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await disconnect).status).toBe(200);
    await s.settle();

    const db = s.system.appOf('conversation-sync').get(DataSource);
    const decisions: Array<{ id: string; summary: string }> = await db.query(
      `SELECT t.id, t.summary FROM sync.session_timeline t JOIN sync.sessions ses ON ses.id = t.session_id
       WHERE ses.conversation_id LIKE 'cnv_inflight_%' AND t.kind = 'decision' ORDER BY t.id`,
    );
    expect(decisions).toHaveLength(60);
    const requested = decisions.filter((d) => d.summary === 'reply requested from the AI').map((d) => Number(d.id));
    const silenced = decisions.filter((d) => d.summary === 'silent: integration disconnected').map((d) => Number(d.id));
    expect(requested.length + silenced.length).toBe(60);
    expect(silenced.length).toBeGreaterThan(0);
    if (requested.length > 0) expect(Math.max(...requested)).toBeLessThan(Math.min(...silenced));

    await s.publishFrontEvent({ ...customer('after@customer.test'), assigneeId: 'tea_ai', conversationId: 'cnv_after', frontEventId: 'evt_after', frontMessageId: 'msg_after', emittedAt: base + 100 });
    await s.settle();
    expect(s.requestsFor('cnv_after')).toHaveLength(0);
  }, 60_000);
});
