import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { PreparedStatement, entityColumns, entityFromRow } from '@front-agent/service-kit';
import { IntegrationStateEntity } from './integration-state.entity';

@Injectable()
export class IntegrationStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the state unless a newer revision is already there. */
  async upsertIfNewer(manager: EntityManager, event: IntegrationChangedV1): Promise<void> {
    await manager.query(
      `INSERT INTO sync.integrations AS current
         (integration_id, org_id, connected, enabled, handle_unassigned, ai_teammate_id, front_company_id, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (integration_id) DO UPDATE SET
         connected = EXCLUDED.connected, enabled = EXCLUDED.enabled, handle_unassigned = EXCLUDED.handle_unassigned,
         ai_teammate_id = EXCLUDED.ai_teammate_id, front_company_id = EXCLUDED.front_company_id,
         revision = EXCLUDED.revision, updated_at = now()
       WHERE current.org_id = EXCLUDED.org_id AND current.revision <= EXCLUDED.revision`,
      [
        event.integrationId,
        event.orgId,
        event.connected,
        event.enabled,
        event.handleUnassigned,
        event.aiTeammateId ?? null,
        event.frontCompanyId ?? null,
        event.revision ?? 0,
      ],
    );
  }

  /**
   * The state, share-locked for the transaction: a disconnect waits for events
   * being applied, and events applied after it see it.
   */
  async findStateForShare(manager: EntityManager, orgId: string, integrationId: string): Promise<IntegrationStateEntity | null> {
    const [row]: Array<Record<string, unknown>> = await manager.query(
      'SELECT * FROM sync.integrations WHERE integration_id = $1 AND org_id = $2 FOR SHARE',
      [integrationId, orgId],
    );
    return row ? entityFromRow(manager, IntegrationStateEntity, row) : null;
  }

  /**
   * Marks a Front event applied (null when it was applied before, by webhook
   * or reconciler) and reads the integration's state under a share lock, in
   * one round trip: the two first steps of applying every Front event.
   */
  async markEventAppliedAndReadState(
    manager: EntityManager,
    orgId: string,
    frontEventId: string,
    integrationId: string,
  ): Promise<{ state: IntegrationStateEntity | null } | null> {
    const [row]: Array<Record<string, unknown> & { first_time: boolean }> = await PreparedStatement.of(
      `WITH applied AS (INSERT INTO sync.applied_events (org_id, front_event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM applied) AS first_time, ${entityColumns(manager, IntegrationStateEntity, 'integration')}
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT * FROM sync.integrations WHERE integration_id = $3 AND org_id = $1 FOR SHARE) integration ON true`,
    ).run(manager, [orgId, frontEventId, integrationId]);
    if (!row.first_time) return null;
    return { state: row.integration_id == null ? null : entityFromRow(manager, IntegrationStateEntity, row) };
  }

  listConnected(): Promise<IntegrationStateEntity[]> {
    return this.dataSource.getRepository(IntegrationStateEntity).find({ where: { connected: true } });
  }

  async recordReconciliation(
    orgId: string,
    integrationId: string,
    reconciledUntil: number,
    summary: IntegrationStateEntity['lastReconciliation'],
  ): Promise<void> {
    await this.dataSource
      .getRepository(IntegrationStateEntity)
      .update({ orgId, integrationId }, { reconciledUntil, lastReconciliation: summary });
  }
}
