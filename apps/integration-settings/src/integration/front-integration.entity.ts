import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SealedSecret } from '@front-agent/contracts';

/** The team's controls over how the AI replies (issue: controls); defaults are the product's. */
export interface IntegrationControls {
  replyMode: 'autopilot' | 'copilot';
  replyModeByChannel: Record<string, 'autopilot' | 'copilot'>;
  guidance: string[];
  restrictedTopics: Array<{ name: string; description: string; examples: string[] }>;
  languages: { allowed: string[] | null; teamLanguage: string; fallback: 'handoff' | 'team_language' };
  selectedKnowledgeBaseIds: string[] | null;
  /** Domains a reply may link to besides the public article URLs it cites. */
  allowedLinkDomains: string[];
  /** Incremented on every guidance change; the decision trail names the version a reply used. */
  guidanceVersion: number;
}

/** One org's Front connection. Secrets are sealed (AES-256-GCM, versioned key). */
@Entity({ name: 'front_integrations' })
export class FrontIntegrationEntity {
  @PrimaryColumn('text')
  id!: string;

  @Index({ unique: true })
  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('boolean', { default: true })
  connected!: boolean;

  @Column('jsonb', { name: 'api_token', nullable: true })
  apiToken!: SealedSecret | null;

  @Column('text', { name: 'front_company_id', nullable: true })
  frontCompanyId!: string | null;

  @Column('text', { name: 'front_company_name', nullable: true })
  frontCompanyName!: string | null;

  @Column('text', { name: 'ai_teammate_id', nullable: true })
  aiTeammateId!: string | null;

  @Column('boolean', { name: 'handle_unassigned', default: false })
  handleUnassigned!: boolean;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Index({ unique: true })
  @Column('text', { name: 'webhook_key' })
  webhookKey!: string;

  @Column('jsonb', { name: 'webhook_secret', nullable: true })
  webhookSecret!: SealedSecret | null;

  @Column('jsonb', { name: 'rule_webhook_secret', nullable: true })
  ruleWebhookSecret!: SealedSecret | null;

  @Column('int', { name: 'rate_limit_per_minute', default: 50 })
  rateLimitPerMinute!: number;

  @Column('jsonb', { default: {} })
  controls!: Partial<IntegrationControls>;

  @Column('timestamptz', { name: 'last_validated_at', nullable: true })
  lastValidatedAt!: Date | null;

  /** `ok` or the error code of the last token check. */
  @Column('text', { name: 'last_validation_result', nullable: true })
  lastValidationResult!: string | null;

  /** Bumped on every change; consumers ignore older copies. */
  @Column('int', { default: 1 })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'disconnected_at', nullable: true })
  disconnectedAt!: Date | null;
}
