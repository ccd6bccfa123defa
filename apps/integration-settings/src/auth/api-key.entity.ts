import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** A dashboard API key; only its SHA-256 hash is stored, the key is shown once. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn('text')
  id!: string;

  @Index()
  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  role!: Role;

  @Index({ unique: true })
  @Column('text', { name: 'key_hash' })
  keyHash!: string;

  /** First characters of the key, to tell keys apart in the audit log. */
  @Column('text')
  prefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
