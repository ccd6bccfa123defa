import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, when. Secret values are never written here, only that they changed. */
@Entity({ name: 'audit_log' })
@Index(['orgId', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  /** The API key id (`key_…`) or `cli`. */
  @Column('text')
  actor!: string;

  @Column('text')
  action!: string;

  @Column('jsonb', { default: {} })
  changes!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
