import { DataSource } from 'typeorm';
import { SILENCE_REASONS } from '../../apps/conversation-sync/src/sessions/session-rules';
import { SystemHarness } from '../support/system-harness';

/**
 * 200 sessions in the period, in groups whose numbers are counted by hand
 * below; plus sessions outside the period and of another org that must not count.
 */
interface Group {
  count: number;
  outcome: string;
  reason?: string;
  channel: string;
  /** Seconds from the first customer message to the AI's first reply; undefined: the AI never replied. */
  firstReplyAfter?: number;
  handedOff?: boolean;
  /** Language of the AI's reply, per session index in the group. */
  language?: (index: number) => string;
  /** What teammates did with the AI's copilot drafts in the session, per session index in the group. */
  drafts?: (index: number) => Draft[];
}

type Draft = { fate: 'sent_unchanged' | 'discarded' } | { fate: 'sent_edited'; editRatio: number };

const EDIT_RATIOS = [0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75];

const GROUPS: Group[] = [
  {
    count: 40,
    outcome: 'ai_resolved',
    channel: 'email',
    firstReplyAfter: 4,
    language: (i) => (i < 30 ? 'en' : 'fr'),
    // 10 sent unchanged (the first after a discarded one), 2 rewritten completely
    drafts: (i) => (i === 0 ? [{ fate: 'discarded' }, { fate: 'sent_unchanged' }] : i < 10 ? [{ fate: 'sent_unchanged' }] : i < 12 ? [{ fate: 'sent_edited', editRatio: 1 }] : []),
  },
  { count: 10, outcome: 'ai_resolved_pending', channel: 'chat', firstReplyAfter: 8 },
  { count: 20, outcome: 'handed_off', reason: 'customer_asked_for_human', channel: 'email', handedOff: true },
  { count: 10, outcome: 'handed_off', reason: 'no_knowledge', channel: 'email', handedOff: true },
  { count: 25, outcome: 'human_took_over', channel: 'chat', firstReplyAfter: 12, drafts: (i) => (i < 8 ? [{ fate: 'sent_edited', editRatio: EDIT_RATIOS[i] }] : []) },
  { count: 25, outcome: 'ai_silent', reason: SILENCE_REASONS.assignedElsewhere, channel: 'email' },
  { count: 20, outcome: 'ai_silent', reason: SILENCE_REASONS.unassignedNotHandled, channel: 'email' },
  { count: 20, outcome: 'abandoned', channel: 'sms', firstReplyAfter: 30, drafts: (i) => (i < 5 ? [{ fate: 'discarded' }] : []) },
  { count: 10, outcome: 'in_progress', channel: 'chat', firstReplyAfter: 60, drafts: (i) => (i < 2 ? [{ fate: 'discarded' }] : []) },
  { count: 20, outcome: 'in_progress', channel: 'chat' },
];

const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');

describe('analytics over a 200-session fixture', () => {
  let system: SystemHarness;
  let org: { orgId: string; adminKey: string };

  beforeAll(async () => {
    system = await SystemHarness.start('analytics');
    await system.startService('integration-settings');
    await system.startService('conversation-sync', { RECONCILE_INTERVAL_SECONDS: '0', OUTCOME_REVIEW_INTERVAL_SECONDS: '0' });
    org = await system.createOrg();
    const other = await system.createOrg('Globex');
    let n = 0;
    for (const group of GROUPS) {
      for (let i = 0; i < group.count; i += 1) {
        n += 1;
        await seedSession(org.orgId, `ses_fx_${n}`, new Date(FROM.getTime() + n * 3_600_000), group, i);
      }
    }
    const [first] = GROUPS;
    await seedSession(org.orgId, 'ses_before', new Date(FROM.getTime() - 1000), first, 0);
    await seedSession(org.orgId, 'ses_after', TO, first, 0);
    await seedSession(other.orgId, 'ses_other_org', new Date(FROM.getTime() + 1000), first, 0);
    // A draft of this org on a conversation only the other org has a session for: it belongs to no session in scope.
    await seedDraft(org.orgId, 'cnv_ses_other_org', 'drf_stray', { fate: 'sent_unchanged' });
  }, 60_000);

  afterAll(async () => {
    await system.stop();
  });

  async function seedSession(orgId: string, id: string, firstInboundAt: Date, group: Group, index: number) {
    const db = system.appOf('conversation-sync').get(DataSource);
    const firstReply = group.firstReplyAfter === undefined ? null : new Date(firstInboundAt.getTime() + group.firstReplyAfter * 1000);
    await db.query(
      `INSERT INTO sync.sessions (id, org_id, integration_id, conversation_id, channel, status, outcome, outcome_reason,
         first_inbound_at, first_ai_reply_at, last_ai_reply_at, handed_off_at, handoff_reason, silent_reason, created_at)
       VALUES ($1, $2, 'int_fx', $3, $4, 'open', $5, $6, $7, $8, $8, $9, $10, $11, $7)`,
      [
        id,
        orgId,
        `cnv_${id}`,
        group.channel,
        group.outcome,
        group.reason ?? null,
        firstInboundAt,
        firstReply,
        group.handedOff ? firstInboundAt : null,
        group.handedOff ? group.reason : null,
        group.outcome === 'ai_silent' ? group.reason : null,
      ],
    );
    for (const [n, draft] of (group.drafts?.(index) ?? []).entries()) await seedDraft(orgId, `cnv_${id}`, `drf_${id}_${n}`, draft);
    if (firstReply) {
      await db.query(
        `INSERT INTO sync.session_timeline (org_id, session_id, kind, summary, details) VALUES ($1, $2, 'ai', 'AI replied', $3)`,
        [orgId, id, { outcome: 'replied', trail: { language: group.language?.(index) ?? 'en' } }],
      );
    }
  }

  async function seedDraft(orgId: string, conversationId: string, draftId: string, draft: Draft) {
    await system.appOf('conversation-sync').get(DataSource).query(
      `INSERT INTO sync.copilot_drafts (org_id, draft_id, integration_id, conversation_id, fate, edit_ratio, sent_by, settled_at)
       VALUES ($1, $2, 'int_fx', $3, $4, $5, $6, now())`,
      [orgId, draftId, conversationId, draft.fate, 'editRatio' in draft ? draft.editRatio : null, draft.fate === 'discarded' ? null : 'tea_alice'],
    );
  }

  const query = (extra = '') => `/v1/analytics?from=${FROM.toISOString()}&to=${TO.toISOString()}${extra}`;

  it('equals the hand-counted numbers', async () => {
    const { status, body } = await system.api(org.adminKey, 'GET', query());
    expect(status).toBe(200);
    // involved = resolved 40 + pending 10 + handed off 30 + takeovers 25 + abandoned 20 + in progress with a reply 10
    expect(body).toMatchObject({
      conversationsSeen: 200,
      aiInvolved: 135,
      involvementRate: 135 / 200,
      aiResolved: 40,
      aiResolvedPending: 10,
      aiResolutionRate: 40 / 135,
      humanTakeovers: 25,
      handoffsByReason: { customer_asked_for_human: 20, no_knowledge: 10 },
      silentByRule: { [SILENCE_REASONS.assignedElsewhere]: 25, [SILENCE_REASONS.unassignedNotHandled]: 20 },
      outcomes: { ai_resolved: 40, ai_resolved_pending: 10, handed_off: 30, human_took_over: 25, ai_silent: 45, abandoned: 20, in_progress: 30 },
      // 105 first replies sorted: 4 s ×40, 8 s ×10, 12 s ×25, 30 s ×20, 60 s ×10; the 53rd is 12 s, the 90th percentile falls in the 30 s
      timeToFirstAiReplySeconds: { median: 12, p90: 30 },
      repliesByChannel: { email: 40, chat: 45, sms: 20 },
      repliesByLanguage: { en: 95, fr: 10 },
      // unchanged: 10 email; edited: 8 chat + 2 email, ratios sorted .25 ×4, .5 ×2, .75 ×2, 1 ×2, so the median is (.5 + .5) / 2;
      // discarded: 1 email + 5 sms + 2 chat; the drafts of sessions outside the period, of the other org and the stray one do not count
      copilotDrafts: { sentUnchanged: 10, sentEdited: 10, discarded: 8, medianEditRatio: 0.5 },
    });
  });

  it('narrows to one channel', async () => {
    const { body } = await system.api(org.adminKey, 'GET', query('&channel=chat'));
    expect(body).toMatchObject({ conversationsSeen: 65, aiInvolved: 45, aiResolved: 0, aiResolutionRate: 0, humanTakeovers: 25, repliesByChannel: { chat: 45 } });
    // chat's edited drafts: .25 ×4, .5 ×2, .75 ×2, so the median falls between .25 and .5
    expect(body.copilotDrafts).toEqual({ sentUnchanged: 0, sentEdited: 8, discarded: 2, medianEditRatio: 0.375 });
    const sms = await system.api(org.adminKey, 'GET', query('&channel=sms'));
    expect(sms.body.copilotDrafts).toEqual({ sentUnchanged: 0, sentEdited: 0, discarded: 5, medianEditRatio: null });
  });

  it('answers a bad period with the field named', async () => {
    const bad = await system.api(org.adminKey, 'GET', '/v1/analytics?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    const reversed = await system.api(org.adminKey, 'GET', `/v1/analytics?from=${TO.toISOString()}&to=${FROM.toISOString()}`);
    expect(reversed.status).toBe(400);
  });

  it('exports the sessions as CSV that round-trips', async () => {
    const response = await fetch(`${system.urlOf('integration-settings')}/v1/analytics/sessions.csv?from=${FROM.toISOString()}&to=${TO.toISOString()}`, {
      headers: { authorization: `Bearer ${org.adminKey}` },
    });
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(['id', 'conversationId', 'channel', 'outcome', 'outcomeReason', 'handoffReason', 'silentReason', 'firstInboundAt', 'firstAiReplyAt', 'resolvedAt']);
    expect(rows).toHaveLength(200);
    const records = rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
    const expected = GROUPS.flatMap((group) => Array.from({ length: group.count }, () => ({ outcome: group.outcome, outcomeReason: group.reason ?? '', channel: group.channel })));
    expect(records.map(({ outcome, outcomeReason, channel }) => ({ outcome, outcomeReason, channel }))).toEqual(expected);
    expect(records[0]).toMatchObject({ id: 'ses_fx_1', conversationId: 'cnv_ses_fx_1', firstInboundAt: new Date(FROM.getTime() + 3_600_000).toISOString() });
    expect(records.find((record) => record.silentReason === SILENCE_REASONS.unassignedNotHandled)).toBeDefined();
  });
});

/** A strict RFC 4180 reader, so the export is checked by an independent parser. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  return rows;
}
