import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { readControls, type IntegrationState } from './integration-state';
import { PreparedStatement } from '@front-agent/service-kit';

interface Row {
  org_id: string;
  integration_id: string;
  connected: boolean;
  enabled: boolean;
  ai_teammate_id: string | null;
  front_company_id: string | null;
  controls: Record<string, unknown>;
  revision: number;
}

const FIND_INTEGRATION = new PreparedStatement(
  `SELECT org_id, integration_id, connected, enabled, ai_teammate_id, front_company_id, controls, revision
   FROM responder.integrations WHERE org_id = $1 AND integration_id = $2`,
);

/** responder.integrations: the last integration.* state seen per integration. */
@Injectable()
export class IntegrationStateRepository {
  constructor(private readonly db: DataSource) {}

  async findIntegration(orgId: string, integrationId: string, manager: EntityManager = this.db.manager): Promise<IntegrationState | null> {
    const rows: Row[] = await FIND_INTEGRATION.run(manager, [orgId, integrationId]);
    return rows[0] ? toState(rows[0]) : null;
  }

  /** Saves `state` unless a newer revision is stored; returns whether it was applied. */
  async saveIfNewer(manager: EntityManager, state: IntegrationState): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO responder.integrations (org_id, integration_id, connected, enabled, ai_teammate_id, front_company_id, controls, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (org_id, integration_id) DO UPDATE SET connected = EXCLUDED.connected, enabled = EXCLUDED.enabled,
         ai_teammate_id = EXCLUDED.ai_teammate_id, front_company_id = EXCLUDED.front_company_id,
         controls = EXCLUDED.controls, revision = EXCLUDED.revision, updated_at = now()
       WHERE responder.integrations.revision <= EXCLUDED.revision
       RETURNING integration_id`,
      [state.orgId, state.integrationId, state.connected, state.enabled, state.aiTeammateId, state.frontCompanyId,
        JSON.stringify(state.controls), state.revision],
    );
    return rows.length > 0;
  }

  /** Connected integrations whose last finished sync is older than `intervalMs` and that have none pending. */
  async findIntegrationsDueForSync(intervalMs: number): Promise<Array<{ orgId: string; integrationId: string }>> {
    const rows: Array<{ org_id: string; integration_id: string }> = await this.db.query(
      `SELECT i.org_id, i.integration_id FROM responder.integrations i
       WHERE i.connected
         AND NOT EXISTS (SELECT 1 FROM responder.knowledge_sync_runs r WHERE r.org_id = i.org_id
           AND r.integration_id = i.integration_id AND (r.state IN ('pending', 'running')
             OR r.requested_at > now() - make_interval(secs => $1 / 1000.0)))`,
      [intervalMs],
    );
    return rows.map((row) => ({ orgId: row.org_id, integrationId: row.integration_id }));
  }
}

function toState(row: Row): IntegrationState {
  return {
    orgId: row.org_id,
    integrationId: row.integration_id,
    connected: row.connected,
    enabled: row.enabled,
    aiTeammateId: row.ai_teammate_id,
    frontCompanyId: row.front_company_id,
    controls: readControls(row.controls),
    revision: row.revision,
  };
}
