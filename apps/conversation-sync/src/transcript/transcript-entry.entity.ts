import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message or comment of a session, with who wrote it. */
@Entity({ name: 'transcript_entries' })
export class TranscriptEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { name: 'session_id' })
  sessionId!: string;

  @Column('text', { name: 'front_message_id', nullable: true })
  frontMessageId!: string | null;

  @Column('text')
  kind!: 'message' | 'comment';

  @Column('text')
  direction!: 'inbound' | 'outbound' | 'internal';

  /** customer | ai | teammate | bot */
  @Column('text', { name: 'author_kind' })
  authorKind!: 'customer' | 'ai' | 'teammate' | 'bot';

  @Column('text', { name: 'author_id', nullable: true })
  authorId!: string | null;

  @Column('text', { name: 'author_handle', nullable: true })
  authorHandle!: string | null;

  @Column('text')
  text!: string;

  @Column('numeric', { name: 'emitted_at', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  emittedAt!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
