import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
