import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IntegrationChangedV1 } from '@front-agent/contracts';
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
