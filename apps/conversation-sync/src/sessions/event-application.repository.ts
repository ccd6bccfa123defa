import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import { OutboxWriter } from '@front-agent/messaging';
import { PreparedStatement, entityColumns } from '@front-agent/service-kit';
import type { TranscriptEntryEntity } from '../transcript/transcript-entry.entity';
import { snapshotFromRow, type EventSnapshot, type SnapshotRow } from './event-snapshot';
import { SessionEntity } from './session.entity';
import type { StatusEvent } from './session-rules';
import type { TimelineEntryEntity } from './timeline-entry.entity';

/** Which session and event a read is for. */
export interface SnapshotQuery {
  orgId: string;
  integrationId: string;
  conversationId: string;
  /** The id applied_events keeps once: a Front event id, or `ai:<messageId>` for an AI outcome. */
  eventId: string;
  withRecent: boolean;
  /** Front message ids whose earliest arrival is wanted. */
  receivedOf?: string[];
}

export type NewTranscriptEntry = Omit<TranscriptEntryEntity, 'id' | 'createdAt' | 'orgId' | 'sessionId'> & { receivedAt: Date | null };
export type TimelineLine = Pick<TimelineEntryEntity, 'kind' | 'summary' | 'frontEventId' | 'details'>;

/** Everything applying one event writes, in one statement. */
export interface EventWrite {
  orgId: string;
  /** As in SnapshotQuery: applied_events takes it once. */
  eventId: string;
  /** The session as it is after the event; `version` is the one read (0 for a new session). */
  session: SessionEntity;
  isNew: boolean;
  /** The integration's revision the decision was made with (null when none was known). */
  integrationRevision: number | null;
  /** What the session's event log gains (replaySession's input), if anything. */
  logged: StatusEvent | null;
  transcript: NewTranscriptEntry | null;
  /** The customer's contact, resolved when the session has none yet. */
  contact: { handle: string; kind: string; name: string | null } | null;
  timeline: TimelineLine[];
  outbox: Array<{ routingKey: string; message: object }>;
}

export const RECENT_ENTRIES = 20;
const SESSION_FIRST = 25;
const LOG_COLUMNS = 'front_event_id, type, emitted_at, assignee, author_kind, author_teammate_id';
const APPLIED_AMONG = new PreparedStatement('SELECT front_event_id FROM sync.applied_events WHERE org_id = $1 AND front_event_id = ANY($2::text[])');
const MARK_APPLIED = new PreparedStatement(
  'INSERT INTO sync.applied_events (org_id, front_event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
);

/**
 * Applying a Front event in two round trips and no transaction: one statement
 * reads the session, its log and the integration in one snapshot; one writes
 * the session and all that goes with it, but only over the version it read
 * (and the integration revision it decided with). The caller reads again and
 * retries when the write finds either changed, so events of one conversation
 * still apply one at a time, across replicas.
 */
@Injectable()
export class EventApplicationRepository {
  /** One statement per shape of read, so that PostgreSQL settles on one generic plan for each instead of planning every call. */
  private readonly readStatements = new Map<string, PreparedStatement>();
  private writeStatement?: PreparedStatement;

  constructor(private readonly outbox: OutboxWriter) {}

  newSession(orgId: string, integrationId: string, conversationId: string): SessionEntity {
    return Object.assign(new SessionEntity(), {
      id: `ses_${randomBytes(10).toString('hex')}`,
      orgId,
      integrationId,
      conversationId,
      channel: null,
      status: 'open',
      assigneeId: null,
      contactId: null,
      silentReason: null,
      handoffReason: null,
      lastEmittedAt: 0,
      lastEventId: '',
      firstInboundAt: null,
      firstAiReplyAt: null,
      lastAiReplyAt: null,
      lastHumanReplyAt: null,
      resolvedAt: null,
      outcome: 'in_progress',
      outcomeReason: null,
      outcomeChangedAt: null,
      outcomeReviewAt: null,
      aiResolvedAt: null,
      handedOffAt: null,
      lastInboundAt: null,
      aiDraftedAt: null,
      version: 0,
    } satisfies Omit<SessionEntity, 'createdAt' | 'updatedAt'>);
  }

  /** Which of these events were applied before: one statement for a batch (the reconciler's). */
  async appliedAmong(manager: EntityManager, orgId: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: Array<{ front_event_id: string }> = await APPLIED_AMONG.run(manager, [orgId, eventIds]);
    return new Set(rows.map((row) => row.front_event_id));
  }

  /** Marks an event that concerns no conversation applied; false when it was applied before. */
  async markApplied(manager: EntityManager, orgId: string, frontEventId: string): Promise<boolean> {
    const rows: unknown[] = await MARK_APPLIED.run(manager, [orgId, frontEventId]);
    return rows.length === 1;
  }

  async read(manager: EntityManager, query: SnapshotQuery): Promise<EventSnapshot> {
    const receivedOf = query.receivedOf ?? null;
    const variant = `${query.withRecent}/${receivedOf !== null}`;
    let statement = this.readStatements.get(variant);
    if (!statement) {
      statement = this.buildRead(manager, query.withRecent, receivedOf !== null);
      this.readStatements.set(variant, statement);
    }
    const [row]: SnapshotRow[] = await statement.run(manager, [
      query.orgId,
      query.eventId,
      query.integrationId,
      query.conversationId,
      ...(receivedOf === null ? [] : [receivedOf]),
    ]);
    return snapshotFromRow(manager, row);
  }

  /**
   * Writes it all when the session is still at the version read (the outbox
   * rows then go to the relay once committed); false, nothing written, when it
   * is not.
   */
  async write(manager: EntityManager, change: EventWrite): Promise<boolean> {
    const columns = this.sessionColumns(manager);
    const outbox = this.outbox.insertEachFor(change.outbox, SESSION_FIRST + columns.length + 4);
    this.writeStatement ??= this.buildWrite(columns, outbox.sql);
    const entry = change.transcript;
    const { logged, session } = change;
    const rows: unknown[] = await this.writeStatement.run(manager, [
      change.orgId,
      change.eventId,
      change.isNew ? -1 : session.version,
      session.integrationId,
      change.integrationRevision,
      `ct_${randomBytes(8).toString('hex')}`,
      change.contact?.handle ?? null,
      change.contact?.kind ?? null,
      change.contact?.name ?? null,
      entry !== null,
      ...(entry
        ? [entry.frontMessageId, entry.kind, entry.direction, entry.authorKind, entry.authorId, entry.authorHandle, entry.text, entry.emittedAt, entry.receivedAt]
        : new Array<null>(9).fill(null)),
      logged?.type ?? null,
      logged?.emittedAt ?? null,
      // `{id}` keeps an unassign (id null) apart from an event that says nothing of the assignee (SQL NULL).
      logged?.assigneeId === undefined ? null : JSON.stringify({ id: logged.assigneeId }),
      logged?.author?.kind ?? null,
      logged?.author?.teammateId ?? null,
      ...columns.map((column) => {
        const value: unknown = column.getEntityValue(session);
        return column.transformer ? ApplyValueTransformers.transformTo(column.transformer, value) : value;
      }),
      change.timeline.map((line) => line.kind),
      change.timeline.map((line) => line.summary),
      change.timeline.map((line) => line.frontEventId ?? null),
      change.timeline.map((line) => JSON.stringify(line.details ?? {})),
      ...outbox.values,
    ]);
    if (rows.length === 0) return false;
    this.outbox.written(manager, outbox.messages);
    return true;
  }

  private buildRead(manager: EntityManager, withRecent: boolean, withReceived: boolean): PreparedStatement {
    const recent = withRecent
      ? `(SELECT coalesce(json_agg(json_build_object(${jsonPairs('front_message_id, direction, author_kind, text, emitted_at')}) ORDER BY emitted_at, id), '[]')
            FROM (SELECT * FROM sync.transcript_entries WHERE org_id = $1 AND session_id = session.id
                  ORDER BY emitted_at DESC, id DESC LIMIT ${RECENT_ENTRIES}) AS last_entries)`
      : 'NULL::json';
    const received = withReceived
      ? '(SELECT min(received_at) FROM sync.transcript_entries WHERE org_id = $1 AND front_message_id = ANY($5::text[]))'
      : 'NULL::timestamptz';
    return new PreparedStatement(
      `SELECT EXISTS (SELECT 1 FROM sync.applied_events WHERE org_id = $1 AND front_event_id = $2) AS already_applied,
         (SELECT json_build_object('connected', connected, 'enabled', enabled, 'handleUnassigned', handle_unassigned,
                                   'aiTeammateId', ai_teammate_id, 'revision', revision)
            FROM sync.integrations WHERE integration_id = $3 AND org_id = $1) AS integration_facts,
         (SELECT coalesce(json_agg(json_build_object(${jsonPairs(LOG_COLUMNS)})), '[]')
            FROM sync.session_events WHERE org_id = $1 AND session_id = session.id) AS event_log,
         ${recent} AS recent_entries,
         ${received} AS earliest_received_at,
         ${entityColumns(manager, SessionEntity, 'session')}
       FROM (SELECT 1) AS one LEFT JOIN sync.sessions AS session ON session.org_id = $1 AND session.conversation_id = $4`,
    );
  }

  private sessionColumns(manager: EntityManager) {
    return manager.connection
      .getMetadata(SessionEntity)
      .columns.filter((column) => !column.isCreateDate && !column.isUpdateDate && column.databaseName !== 'version');
  }

  /**
   * $1 org, $2 event, $3 version read (-1: none yet), $4 integration, $5 its revision, $6-$9 contact,
   * $10-$19 transcript entry (a flag and 9 columns), $20-$24 the logged event, then the session's
   * columns, the timeline's 4 arrays and the outbox's 3.
   */
  private buildWrite(columns: ReturnType<EventApplicationRepository['sessionColumns']>, outboxSql: string): PreparedStatement {
    const sessionFirst = SESSION_FIRST;
    const names = columns.map((column) => `"${column.databaseName}"`);
    const values = columns.map((column, index) =>
      column.databaseName === 'contact_id'
        ? `COALESCE($${sessionFirst + index}::text, (SELECT id FROM contact))`
        : `$${sessionFirst + index}::${column.type as string}`,
    );
    const updates = names.filter((name) => name !== '"id"').map((name) => `${name} = EXCLUDED.${name}`);
    const timeline = sessionFirst + columns.length;
    return new PreparedStatement(
      `WITH contact AS (
         INSERT INTO sync.contacts (id, org_id, handle, kind, name) SELECT $6, $1, $7, $8, $9 WHERE $7::text IS NOT NULL
         ON CONFLICT (org_id, handle) DO UPDATE SET name = COALESCE(sync.contacts.name, EXCLUDED.name) RETURNING id),
       saved AS (
         INSERT INTO sync.sessions AS current (${names.join(', ')}, version, updated_at)
         SELECT ${values.join(', ')}, 1, now()
         WHERE (SELECT revision FROM sync.integrations WHERE integration_id = $4 AND org_id = $1) IS NOT DISTINCT FROM $5::int
         ON CONFLICT (org_id, conversation_id) DO UPDATE SET ${updates.join(', ')}, version = current.version + 1, updated_at = now()
         WHERE current.version = $3
         RETURNING id),
       applied AS (INSERT INTO sync.applied_events (org_id, front_event_id) SELECT $1, $2 FROM saved),
       logged AS (
         INSERT INTO sync.session_events (org_id, session_id, front_event_id, type, emitted_at, assignee, author_kind, author_teammate_id)
         SELECT $1, saved.id, $2, $20::text, $21::numeric, $22::jsonb, $23::text, $24::text FROM saved WHERE $20::text IS NOT NULL),
       transcript AS (
         INSERT INTO sync.transcript_entries
           (org_id, session_id, front_message_id, kind, direction, author_kind, author_id, author_handle, text, emitted_at, received_at)
         SELECT $1, saved.id, $11::text, $12::text, $13::text, $14::text, $15::text, $16::text, $17::text, $18::numeric, $19::timestamptz
         FROM saved WHERE $10::boolean
         ON CONFLICT (org_id, front_message_id) WHERE front_message_id IS NOT NULL DO NOTHING),
       timeline AS (
         INSERT INTO sync.session_timeline (org_id, session_id, at, kind, summary, front_event_id, details)
         SELECT $1, saved.id, now(), line.kind, line.summary, line.front_event_id, line.details
         FROM saved, unnest($${timeline}::text[], $${timeline + 1}::text[], $${timeline + 2}::text[], $${timeline + 3}::jsonb[])
           AS line (kind, summary, front_event_id, details)),
       queued AS (${outboxSql} WHERE EXISTS (SELECT 1 FROM saved))
       SELECT id FROM saved`,
    );
  }
}

function jsonPairs(columns: string): string {
  return columns
    .split(',')
    .map((column) => `'${column.trim()}', ${column.trim()}`)
    .join(', ');
}
