import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TimelineKind = 'event' | 'decision' | 'status' | 'ai' | 'copilot' | 'assignment' | 'tag' | 'reconciliation' | 'outcome';

/** One line of a session's history: an event applied, a decision and its rule, an AI step. */
@Entity({ name: 'session_timeline' })
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { name: 'session_id' })
  sessionId!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @Column('text')
  kind!: TimelineKind;

  @Column('text')
  summary!: string;

  @Column('text', { name: 'front_event_id', nullable: true })
  frontEventId!: string | null;

  @Column('jsonb', { default: {} })
  details!: Record<string, unknown>;
}
