import { Injectable } from '@nestjs/common';
import type { Channel } from '@front-agent/contracts';
import type { ResponderControls } from '../integrations/integration-state';
import type { ChunkHit } from '../retrieval/retrieval.repository';
import { RetrievalService } from '../retrieval/retrieval.service';
import { firstFailedOutputCheck, type OutputCheckFailure } from './output-checks';
import type { FormattedReply } from './reply-format';

/** An answer about to reach a customer, as a reply or a draft. */
export interface CandidateAnswer {
  orgId: string;
  integrationId: string;
  channel: Channel;
  controls: ResponderControls;
  written: string;
  reply: FormattedReply;
  citedUrls: string[];
  publicPassages: ChunkHit[];
}

/**
 * Runs the output checks with what they need from the knowledge: the internal
 * articles and drafts closest to the answer's own text, which it must not copy.
 */
@Injectable()
export class OutputGuard {
  constructor(private readonly retrieval: RetrievalService) {}

  async firstFailure(candidate: CandidateAnswer): Promise<OutputCheckFailure | null> {
    const internalTexts = await this.retrieval.closestInternalTexts(candidate.orgId, candidate.integrationId, candidate.written.slice(0, 600), 6);
    return firstFailedOutputCheck({
      channel: candidate.channel,
      written: candidate.written,
      reply: candidate.reply,
      citedUrls: candidate.citedUrls,
      allowedDomains: candidate.controls.allowedLinkDomains,
      internalTexts,
      publicTexts: candidate.publicPassages.map((hit) => hit.body),
    });
  }
}
