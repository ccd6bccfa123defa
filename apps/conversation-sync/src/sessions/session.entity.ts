import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SessionOutcome } from '../outcomes/outcome-rules';
import type { SessionStatus } from './session-rules';

const numeric = { to: (value: number) => value, from: (value: string | null) => (value === null ? 0 : Number(value)) };

/** One Front conversation as an OpenCX session: its status, who handles it, and the last event applied. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { name: 'integration_id' })
  integrationId!: string;

  @Column('text', { name: 'conversation_id' })
  conversationId!: string;

  @Column('text', { nullable: true })
  channel!: string | null;

  @Column('text')
  status!: SessionStatus;

  @Column('text', { name: 'assignee_id', nullable: true })
  assigneeId!: string | null;

  @Column('text', { name: 'contact_id', nullable: true })
  contactId!: string | null;

  /** Why the AI stayed silent on the last customer message, when it did. */
  @Column('text', { name: 'silent_reason', nullable: true })
  silentReason!: string | null;

  @Column('text', { name: 'handoff_reason', nullable: true })
  handoffReason!: string | null;

  @Column('numeric', { name: 'last_emitted_at', transformer: numeric })
  lastEmittedAt!: number;

  @Column('text', { name: 'last_event_id' })
  lastEventId!: string;

  @Column('timestamptz', { name: 'first_inbound_at', nullable: true })
  firstInboundAt!: Date | null;

  @Column('timestamptz', { name: 'first_ai_reply_at', nullable: true })
  firstAiReplyAt!: Date | null;

  @Column('timestamptz', { name: 'last_ai_reply_at', nullable: true })
  lastAiReplyAt!: Date | null;

  @Column('timestamptz', { name: 'last_human_reply_at', nullable: true })
  lastHumanReplyAt!: Date | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  /** The strict outcome (docs/outcomes.md); every change is also on the timeline. */
  @Column('text', { default: 'in_progress' })
  outcome!: SessionOutcome;

  @Column('text', { name: 'outcome_reason', nullable: true })
  outcomeReason!: string | null;

  @Column('timestamptz', { name: 'outcome_changed_at', nullable: true })
  outcomeChangedAt!: Date | null;

  /** When a window ends and the outcome must be decided again (pending resolution, possible abandonment). */
  @Column('timestamptz', { name: 'outcome_review_at', nullable: true })
  outcomeReviewAt!: Date | null;

  @Column('timestamptz', { name: 'ai_resolved_at', nullable: true })
  aiResolvedAt!: Date | null;

  @Column('timestamptz', { name: 'handed_off_at', nullable: true })
  handedOffAt!: Date | null;

  @Column('timestamptz', { name: 'last_inbound_at', nullable: true })
  lastInboundAt!: Date | null;

  /** When the AI first left a copilot draft here: the conversation's events then ask ai-responder to check its drafts. */
  @Column('timestamptz', { name: 'ai_drafted_at', nullable: true })
  aiDraftedAt!: Date | null;

  /** Raised by every write; a Front event's write applies only over the version it read (EventApplicationRepository). */
  @Column('bigint', { default: 0, transformer: numeric })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
