import { Injectable } from '@nestjs/common';
import type { TryItRequestV1, TryItResultV1 } from '@front-agent/contracts';
import { DEFAULT_CONTROLS } from '../integrations/integration-state';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { AnswerComposer } from './answer-composer';
import { TrailRecorder } from './decision-trail';

/**
 * The dashboard's "try it": a question through the same composer as a real
 * request (controls, retrieval, LLM, output checks), with nothing written to Front.
 */
@Injectable()
export class TryItService {
  constructor(
    private readonly integrations: IntegrationStateRepository,
    private readonly composer: AnswerComposer,
  ) {}

  async tryQuestion(request: TryItRequestV1): Promise<TryItResultV1> {
    const integration = await this.integrations.findIntegration(request.orgId, request.integrationId);
    const trail = new TrailRecorder();
    const decision = await this.composer.compose(
      {
        orgId: request.orgId, integrationId: request.integrationId, channel: request.channel, question: request.question,
        transcript: [], controls: integration?.controls ?? DEFAULT_CONTROLS, aiRepliedBefore: false,
      },
      trail,
    );
    const details = trail.toTrail();
    const retrieved = (details.retrieved ?? []) as Array<{ title: string; url: string }>;
    if (decision.kind === 'reply') {
      const sources = decision.sources.map((url) => ({ url, title: retrieved.find((hit) => hit.url === url)?.title ?? url }));
      return { decision: 'reply', answer: decision.reply.text, sources, trail: details };
    }
    if (decision.kind === 'handoff') return { decision: 'handoff', reason: decision.reason, sources: [], trail: details };
    return { decision: 'resolve', sources: [], trail: details };
  }
}
