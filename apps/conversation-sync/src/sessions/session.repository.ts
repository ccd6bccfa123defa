import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement, entityColumns, entityFromRow, entityUpdateSet } from '@front-agent/service-kit';
import { SessionEntity } from './session.entity';
import type { SessionStatus } from './session-rules';
import { TimelineEntryEntity } from './timeline-entry.entity';

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lockSessionById(manager: EntityManager, orgId: string, sessionId: string): Promise<SessionEntity | null> {
    const lock = PreparedStatement.of(`SELECT ${entityColumns(manager, SessionEntity)} FROM sync.sessions WHERE org_id = $1 AND id = $2 FOR UPDATE`);
    const [row]: Array<Record<string, unknown>> = await lock.run(manager, [orgId, sessionId]);
    return row ? entityFromRow(manager, SessionEntity, row) : null;
  }

  /**
   * Writes every column of a session read under lock and appends its timeline
   * entries, in one round trip (TypeORM's `save()` read the row again first).
   */
  async saveSession(manager: EntityManager, session: SessionEntity, timeline: NewTimelineEntry[] = []): Promise<SessionEntity> {
    session.version += 1;
    const { set, values } = entityUpdateSet(manager, SessionEntity, session, 2);
    const update = `UPDATE sync.sessions SET ${set} WHERE id = $1`;
    if (timeline.length === 0) {
      await PreparedStatement.of(update).run(manager, [session.id, ...values]);
      return session;
    }
    const insert = timelineInsert(timeline, 2 + values.length);
    await PreparedStatement.of(`WITH saved AS (${update}) ${insert.sql}`).run(manager, [session.id, ...values, ...insert.values]);
    return session;
  }

  async appendTimeline(manager: EntityManager, entries: NewTimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const insert = timelineInsert(entries, 1);
    await manager.query(insert.sql, insert.values);
  }

  listSessionsOfOrg(orgId: string, filter: { status?: SessionStatus; conversationId?: string; q?: string; limit: number; before?: Date }): Promise<SessionEntity[]> {
    const query = this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('session')
      .where('session.org_id = :orgId', { orgId })
      .orderBy('session.updated_at', 'DESC')
      .take(filter.limit);
    if (filter.status) query.andWhere('session.status = :status', { status: filter.status });
    if (filter.conversationId) query.andWhere('session.conversation_id = :conversationId', { conversationId: filter.conversationId });
    if (filter.before) query.andWhere('session.updated_at < :before', { before: filter.before });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      query.andWhere(
        `(session.conversation_id = :q
          OR EXISTS (SELECT 1 FROM sync.contacts c WHERE c.org_id = session.org_id AND c.id = session.contact_id AND c.handle ILIKE :like)
          OR EXISTS (SELECT 1 FROM sync.transcript_entries t WHERE t.org_id = session.org_id AND t.session_id = session.id
                       AND (t.text ILIKE :like OR t.author_handle ILIKE :like)))`,
        { q: filter.q, like },
      );
    }
    return query.getMany();
  }

  /** Sessions by status, the silent reasons of the last 24 h, and the last reconciliation. */
  async integrationStatus(orgId: string, integrationId: string) {
    const [byStatus, silent, reconciliation, latency] = await Promise.all([
      this.dataSource.query(
        'SELECT status, count(*)::int AS count FROM sync.sessions WHERE org_id = $1 AND integration_id = $2 GROUP BY status',
        [orgId, integrationId],
      ) as Promise<Array<{ status: string; count: number }>>,
      this.dataSource.query(
        `SELECT silent_reason AS reason, count(*)::int AS count FROM sync.sessions
         WHERE org_id = $1 AND integration_id = $2 AND silent_reason IS NOT NULL AND updated_at > now() - interval '24 hours'
         GROUP BY silent_reason ORDER BY count DESC`,
        [orgId, integrationId],
      ) as Promise<Array<{ reason: string; count: number }>>,
      this.dataSource.query('SELECT last_reconciliation FROM sync.integrations WHERE org_id = $1 AND integration_id = $2', [
        orgId,
        integrationId,
      ]) as Promise<Array<{ last_reconciliation: unknown }>>,
      this.dataSource.query(
        `SELECT count(*)::int AS replies,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY (t.details->>'endToEndMs')::numeric) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY (t.details->>'endToEndMs')::numeric) AS p95
         FROM sync.session_timeline t JOIN sync.sessions s ON s.id = t.session_id
         WHERE t.org_id = $1 AND s.integration_id = $2 AND t.kind = 'ai' AND t.at > now() - interval '24 hours'
           AND t.details->>'outcome' = 'replied' AND t.details->>'endToEndMs' IS NOT NULL`,
        [orgId, integrationId],
      ) as Promise<Array<{ replies: number; p50: number | null; p95: number | null }>>,
    ]);
    return {
      sessionsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.count])),
      silentReasonsLast24h: silent,
      lastReconciliation: reconciliation[0]?.last_reconciliation ?? null,
      replyLatencyLast24h: { replies: latency[0]?.replies ?? 0, p50Ms: latency[0]?.p50 ?? null, p95Ms: latency[0]?.p95 ?? null },
    };
  }

  /** Sessions of every org whose outcome window has ended (the review sweep); each is then locked and decided alone. */
  sessionsDueForOutcomeReview(now: Date, limit: number): Promise<Array<{ orgId: string; id: string }>> {
    return this.dataSource.query(
      `SELECT org_id AS "orgId", id FROM sync.sessions WHERE outcome_review_at <= $1 ORDER BY outcome_review_at LIMIT $2`,
      [now, limit],
    );
  }

  findSessionOfOrg(orgId: string, sessionId: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOne({ where: { orgId, id: sessionId } });
  }

  timelineOfSession(orgId: string, sessionId: string): Promise<TimelineEntryEntity[]> {
    return this.dataSource.getRepository(TimelineEntryEntity).find({ where: { orgId, sessionId }, order: { id: 'ASC' } });
  }
}

/** A timeline entry to append; `at` defaults to now. */
export type NewTimelineEntry = Omit<TimelineEntryEntity, 'id' | 'at'> & { at?: Date };

/** A multi-row INSERT of timeline entries, one array parameter per column, numbered from `$first`. */
function timelineInsert(entries: NewTimelineEntry[], first: number): { sql: string; values: unknown[] } {
  const now = new Date();
  const values = [
    entries.map((entry) => entry.orgId),
    entries.map((entry) => entry.sessionId),
    entries.map((entry) => entry.at ?? now),
    entries.map((entry) => entry.kind),
    entries.map((entry) => entry.summary),
    entries.map((entry) => entry.frontEventId ?? null),
    entries.map((entry) => JSON.stringify(entry.details ?? {})),
  ];
  const types = ['text', 'text', 'timestamptz', 'text', 'text', 'text', 'jsonb'];
  const columns = types.map((type, index) => `$${first + index}::${type}[]`).join(', ');
  return {
    sql: `INSERT INTO sync.session_timeline (org_id, session_id, at, kind, summary, front_event_id, details) SELECT * FROM unnest(${columns})`,
    values,
  };
}
