import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** conversation-sync's projection of an integration, kept from `integration.*` events. */
@Entity({ name: 'integrations' })
export class IntegrationStateEntity {
  @PrimaryColumn('text', { name: 'integration_id' })
  integrationId!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('boolean')
  connected!: boolean;

  @Column('boolean')
  enabled!: boolean;

  @Column('boolean', { name: 'handle_unassigned' })
  handleUnassigned!: boolean;

  @Column('text', { name: 'ai_teammate_id', nullable: true })
  aiTeammateId!: string | null;

  @Column('text', { name: 'front_company_id', nullable: true })
  frontCompanyId!: string | null;

  @Column('int')
  revision!: number;

  /** Unix seconds up to which Front's events API was read by the reconciler. */
  @Column('numeric', { name: 'reconciled_until', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  reconciledUntil!: number | null;

  @Column('jsonb', { name: 'last_reconciliation', nullable: true })
  lastReconciliation!: { at: string; eventsRead: number; applied: number; error?: string } | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
