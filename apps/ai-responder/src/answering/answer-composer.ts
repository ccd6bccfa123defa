import { Injectable } from '@nestjs/common';
import type { Channel, TranscriptLine } from '@front-agent/contracts';
import { asksForHuman, confirmsResolved } from '../handoff/customer-intent';
import type { ResponderControls } from '../integrations/integration-state';
import { LlmResponder, LlmUnavailableError } from '../llm/llm-responder';
import type { ChunkHit } from '../retrieval/retrieval.repository';
import { RetrievalService } from '../retrieval/retrieval.service';
import type { TrailRecorder } from './decision-trail';
import { answerFromKnowledge } from './embedded-responder';
import { formatReply, type FormattedReply } from './reply-format';

/** Why the AI hands a conversation to the team. */
export type HandoffReason = 'customer_asked_for_human' | 'no_knowledge' | 'llm_handoff' | 'llm_unavailable' | 'repeated_failures';

export type Decision =
  | { kind: 'reply'; reply: FormattedReply; sources: string[] }
  | { kind: 'handoff'; reason: HandoffReason; detail: string }
  | { kind: 'resolve' };

/** What the composer knows about the request. */
export interface ComposeInput {
  orgId: string;
  integrationId: string;
  channel: Channel;
  /** The customer's unanswered messages, joined. */
  question: string;
  transcript: TranscriptLine[];
  controls: ResponderControls;
  aiRepliedBefore: boolean;
  customerName?: string;
}

/**
 * Decides reply, handoff or resolve, and writes the reply: human requests and
 * confirmations first, then public knowledge retrieval, then the LLM (or the
 * embedded knowledge-only responder when none is configured).
 */
@Injectable()
export class AnswerComposer {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly llm: LlmResponder,
  ) {}

  async compose(input: ComposeInput, trail: TrailRecorder): Promise<Decision> {
    const wantsHuman = asksForHuman(input.question);
    trail.check('customer_asked_for_human', !wantsHuman);
    if (wantsHuman) return { kind: 'handoff', reason: 'customer_asked_for_human', detail: 'The customer asked to talk to a human.' };
    if (input.aiRepliedBefore && confirmsResolved(input.question)) return { kind: 'resolve' };

    const retrieval = await trail.step('retrieve', () =>
      this.retrieval.retrieve(input.orgId, input.integrationId, input.question, { audience: 'customer' }),
    );
    trail.set('retrieved', retrieval.hits.map(describeHit));
    trail.check('knowledge_covers_question', retrieval.covered);
    if (!retrieval.covered) return { kind: 'handoff', reason: 'no_knowledge', detail: 'The knowledge base does not cover this question.' };

    const model = this.llm.model;
    trail.set('responder', model ? 'llm' : 'embedded');
    if (model) trail.set('model', model);
    if (!model) {
      const draft = answerFromKnowledge(retrieval.hits);
      return { kind: 'reply', reply: formatReply(input.channel, draft, input.customerName), sources: draft.sources.map((s) => s.url) };
    }
    try {
      const decision = await trail.step('llm', () =>
        this.llm.decide({
          guidance: input.controls.guidance, channel: input.channel, passages: retrieval.hits, transcript: input.transcript, question: input.question,
        }),
      );
      trail.set('llmAttempts', decision.attempts);
      if (decision.kind === 'handoff') return { kind: 'handoff', reason: 'llm_handoff', detail: decision.reason };
      const cited = decision.citedUrls.length > 0 ? decision.citedUrls : [retrieval.hits[0].url];
      const paragraphs = stripUrls(decision.text, retrieval.hits).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      const sources = cited.map((url) => ({ url, title: retrieval.hits.find((hit) => hit.url === url)?.title ?? url }));
      return { kind: 'reply', reply: formatReply(input.channel, { paragraphs, sources }, input.customerName), sources: cited };
    } catch (error) {
      if (!(error instanceof LlmUnavailableError)) throw error;
      trail.set('llmAttempts', error.attempts);
      return { kind: 'handoff', reason: 'llm_unavailable', detail: 'The AI model did not answer in time.' };
    }
  }
}

function describeHit(hit: ChunkHit) {
  return { articleId: hit.articleId, title: hit.title, url: hit.url, locale: hit.locale, score: hit.score, coverage: round(hit.coverage) };
}

/** The model's text without the bare source lines (sources are formatted per channel). */
function stripUrls(text: string, hits: ChunkHit[]): string {
  let result = text;
  for (const hit of hits) result = result.split(hit.url).join('');
  return result.replace(/^\s*(sources?|more details|see)\s*:?\s*$/gim, '').replace(/\n{3,}/g, '\n\n').trim();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
