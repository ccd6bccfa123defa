import { Injectable } from '@nestjs/common';
import type { KnowledgeOverviewV1 } from '@front-agent/contracts';
import { ResponderConfig } from '../config';
import { readEmbeddedGuidance } from '../controls/embedded-guidance';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { KnowledgeRepository } from './knowledge.repository';
import { KnowledgeSyncRunsRepository } from './knowledge-sync-runs.repository';

/** What the dashboard's knowledge page shows: indexed knowledge bases, the last sync, the responder in use. */
@Injectable()
export class KnowledgeOverviewService {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly runs: KnowledgeSyncRunsRepository,
    private readonly config: ResponderConfig,
    private readonly integrations: IntegrationStateRepository,
  ) {}

  async describeKnowledge(orgId: string, integrationId: string): Promise<KnowledgeOverviewV1> {
    const [knowledgeBases, run, integration] = await Promise.all([
      this.knowledge.listKnowledgeBases(orgId, integrationId),
      this.runs.findLatestRun(orgId, integrationId),
      this.integrations.findIntegration(orgId, integrationId),
    ]);
    const llm = Boolean(this.config.LLM_BASE_URL && this.config.LLM_MODEL);
    return {
      knowledgeBases,
      sync: run
        ? {
            state: run.state === 'pending' ? 'running' : run.state,
            lastRunAt: (run.finishedAt ?? run.startedAt ?? undefined)?.toISOString(),
            lastResult: run.result ?? undefined,
            error: run.error ?? undefined,
            progress: run.progress,
          }
        : { state: 'never' },
      responder: llm
        ? { kind: 'llm', model: this.config.LLM_MODEL }
        : { kind: 'embedded', ...guidanceNotApplied(integration?.controls.guidance ?? []) },
    };
  }
}

/** Listed only when there is something the embedded responder cannot apply. */
function guidanceNotApplied(guidance: string[]): { guidanceNotApplied?: string[] } {
  const notApplied = readEmbeddedGuidance(guidance).notApplied;
  return notApplied.length > 0 ? { guidanceNotApplied: notApplied } : {};
}
