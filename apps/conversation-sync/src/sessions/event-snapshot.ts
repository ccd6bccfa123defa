import type { EntityManager } from 'typeorm';
import { entityFromRow } from '@front-agent/service-kit';
import type { TranscriptEntryEntity } from '../transcript/transcript-entry.entity';
import { SessionEntity } from './session.entity';
import type { IntegrationFacts, StatusEvent } from './session-rules';

/** What applying one event (a Front event, an AI outcome) reads, in one statement and one snapshot. */
export interface EventSnapshot {
  alreadyApplied: boolean;
  integration: (IntegrationFacts & { revision: number }) | null;
  /** The conversation's session; null before its first event. */
  session: SessionEntity | null;
  /** The session's event log, for replaySession. */
  log: StatusEvent[];
  /** The session's last RECENT_ENTRIES transcript entries, oldest first, when asked for. */
  recent: RecentEntry[];
  /** When the first of `receivedOf`'s messages reached our edge; null when none is known (or none was asked). */
  earliestReceivedAt: Date | null;
}

export type RecentEntry = Pick<TranscriptEntryEntity, 'frontMessageId' | 'direction' | 'authorKind' | 'text' | 'emittedAt'>;

/** The snapshot statement's row (EventApplicationRepository.read): the session's columns and the JSON built beside them. */
export type SnapshotRow = Record<string, unknown> & {
  already_applied: boolean;
  earliest_received_at: Date | null;
  integration_facts: (IntegrationFacts & { revision: number }) | null;
  event_log: LogRow[];
  recent_entries: Array<{ front_message_id: string | null; direction: RecentEntry['direction']; author_kind: RecentEntry['authorKind']; text: string; emitted_at: number | string }> | null;
};

export function snapshotFromRow(manager: EntityManager, row: SnapshotRow): EventSnapshot {
  return {
    alreadyApplied: row.already_applied,
    integration: row.integration_facts,
    session: row.id == null ? null : entityFromRow(manager, SessionEntity, row),
    log: row.event_log.map(statusEventOf),
    recent: (row.recent_entries ?? []).map((entry) => ({
      frontMessageId: entry.front_message_id,
      direction: entry.direction,
      authorKind: entry.author_kind,
      text: entry.text,
      emittedAt: Number(entry.emitted_at),
    })),
    earliestReceivedAt: row.earliest_received_at,
  };
}

interface LogRow {
  front_event_id: string;
  type: string;
  emitted_at: number | string;
  assignee: { id: string | null } | null;
  author_kind: string | null;
  author_teammate_id: string | null;
}

function statusEventOf(row: LogRow): StatusEvent {
  return {
    frontEventId: row.front_event_id,
    type: row.type,
    emittedAt: Number(row.emitted_at),
    ...(row.assignee === null ? {} : { assigneeId: row.assignee.id }),
    ...(row.author_kind ? { author: { kind: row.author_kind as 'teammate', teammateId: row.author_teammate_id ?? undefined } } : {}),
  };
}
