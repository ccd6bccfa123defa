import { Injectable } from '@nestjs/common';
import type { TranscriptLine } from '@front-agent/contracts';
import type { TrailRecorder } from '../answering/decision-trail';
import { FrontEffectsService, type EffectTarget } from '../front/front-effects.service';
import { RetrievalService } from '../retrieval/retrieval.service';
import { detectSentiment } from './customer-intent';
import { handoffNote } from './handoff-note';

/** The handoff's effects, reported in the outcome's trail. */
export interface HandoffResult {
  sentiment: string;
  unassign: 'unassigned' | 'taken_by_teammate' | 'failed';
}

/**
 * Hands a conversation to the team: an internal comment by the AI teammate
 * (reason, what the customer asked, the conversation so far, sentiment, and
 * knowledge that may help, internal included), the `ai-handoff` tag, unassigned.
 */
@Injectable()
export class HandoffService {
  constructor(
    private readonly effects: FrontEffectsService,
    private readonly retrieval: RetrievalService,
  ) {}

  async handOff(
    target: EffectTarget,
    input: {
      integrationId: string; reason: string; detail?: string; question: string; customerTexts: string[]; transcript: TranscriptLine[];
      teamLanguage?: string; customerLanguage?: string;
    },
    trail: TrailRecorder,
  ): Promise<HandoffResult> {
    const sentiment = detectSentiment(input.customerTexts);
    const internal = await this.retrieval
      .retrieve(target.orgId, input.integrationId, input.question, { audience: 'team', limit: 3 })
      .catch(() => ({ hits: [] }));
    const note = handoffNote({
      reason: input.reason,
      detail: input.detail,
      sentiment,
      question: input.question,
      conversation: input.transcript.filter((line) => line.direction !== 'internal').map((line) => ({ author: line.author, text: line.text })),
      internalKnowledge: internal.hits.filter((hit) => hit.coverage >= 0.5),
      teamLanguage: input.teamLanguage,
      customerLanguage: input.customerLanguage,
    });
    await trail.step('handoff_comment', () => this.effects.postComment(target, note));
    await trail.step('handoff_tag', () => this.effects.addTag(target, 'ai-handoff'));
    const unassign = await trail.step('unassign', () => this.effects.unassign(target));
    trail.set('sentiment', sentiment);
    trail.set('unassign', unassign);
    return { sentiment, unassign };
  }
}
