import { Injectable } from '@nestjs/common';
import type { Channel, TranscriptLine } from '@front-agent/contracts';
import { readEmbeddedGuidance, withoutForbiddenPhrases } from '../controls/embedded-guidance';
import { detectLanguage, languageName } from '../controls/language-detection';
import { decideLanguage } from '../controls/language-policy';
import { matchRestrictedTopic } from '../controls/restricted-topics';
import { asksForHuman, confirmsResolved } from '../handoff/customer-intent';
import type { ResponderControls } from '../integrations/integration-state';
import { LlmResponder, LlmUnavailableError } from '../llm/llm-responder';
import type { ChunkHit } from '../retrieval/retrieval.repository';
import { RetrievalService, type Retrieval } from '../retrieval/retrieval.service';
import type { TrailRecorder } from './decision-trail';
import { answerFromKnowledge } from './embedded-responder';
import { OutputGuard } from './output-guard.service';
import { formatReply, type FormattedReply } from './reply-format';

/** Why the AI hands a conversation to the team. */
export type HandoffReason =
  | 'customer_asked_for_human'
  | 'no_knowledge'
  | 'llm_handoff'
  | 'llm_unavailable'
  | 'repeated_failures'
  | 'unsupported_language'
  | `restricted_topic:${string}`
  | `output_check_failed:${string}`;

export type Decision =
  | { kind: 'reply'; reply: FormattedReply; sources: string[] }
  | { kind: 'handoff'; reason: HandoffReason; detail: string; customerLanguage?: string }
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

/** A reply written by a responder, before the output checks. */
interface WrittenAnswer {
  written: string;
  reply: FormattedReply;
  sources: string[];
}

/**
 * Decides reply, handoff or resolve, and writes the reply: human requests,
 * confirmations, restricted topics and languages first, then public knowledge
 * retrieval, then the LLM (or the embedded knowledge-only responder when none
 * is configured); nothing leaves without passing the output checks.
 */
@Injectable()
export class AnswerComposer {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly llm: LlmResponder,
    private readonly guard: OutputGuard,
  ) {}

  async compose(input: ComposeInput, trail: TrailRecorder): Promise<Decision> {
    const wantsHuman = asksForHuman(input.question);
    trail.check('customer_asked_for_human', !wantsHuman);
    if (wantsHuman) return { kind: 'handoff', reason: 'customer_asked_for_human', detail: 'The customer asked to talk to a human.' };
    if (input.aiRepliedBefore && confirmsResolved(input.question)) return { kind: 'resolve' };

    const restricted = matchRestrictedTopic(input.question, input.controls.restrictedTopics);
    trail.check('restricted_topics', restricted === null, restricted ? `${restricted.topic.name}: matched "${restricted.matched}"` : undefined);
    if (restricted) return restrictedTopicHandoff(restricted.topic.name);

    const customerLanguage = detectLanguage(input.question);
    const knowledgeLanguages = input.controls.languages.allowed ? [] : await this.retrieval.publicLanguages(input.orgId, input.integrationId);
    const language = decideLanguage(customerLanguage, input.controls, knowledgeLanguages);
    trail.set('language', { customer: customerLanguage, answer: language.kind === 'answer' ? language.language : null, fallback: language.kind === 'answer' && language.fallback });
    trail.check('language_supported', language.kind === 'answer' && !language.fallback, customerLanguage ?? 'undetected');
    if (language.kind === 'handoff') {
      const detail = `The customer writes in ${languageName(language.customerLanguage)}; allowed: ${language.allowed.join(', ')}.`;
      return { kind: 'handoff', reason: 'unsupported_language', detail, customerLanguage: language.customerLanguage };
    }

    const retrieval = await trail.step('retrieve', () =>
      this.retrieval.retrieve(input.orgId, input.integrationId, input.question, {
        audience: 'customer', preferLanguage: language.language,
        // Answering in the team language: knowledge in the customer's (unsupported) language must not be quoted instead.
        onlyLanguage: language.fallback ? language.language : null,
      }),
    );
    trail.set('retrieved', retrieval.hits.map(describeHit));
    trail.check('knowledge_covers_question', retrieval.covered);
    if (!retrieval.covered) return { kind: 'handoff', reason: 'no_knowledge', detail: 'The knowledge base does not cover this question.' };

    trail.set('guidance', { version: input.controls.guidanceVersion, entries: input.controls.guidance.length });
    const model = this.llm.model;
    trail.set('responder', model ? 'llm' : 'embedded');
    if (model) trail.set('model', model);
    const written = model ? await this.writeWithLlm(input, retrieval, language.language, trail) : this.writeFromKnowledge(input, retrieval, language.language, trail);
    if ('kind' in written) return written;

    const failure = await trail.step('output_checks', () =>
      this.guard.firstFailure({ ...input, written: written.written, reply: written.reply, citedUrls: written.sources, publicPassages: retrieval.hits }),
    );
    trail.check('output_checks', failure === null, failure ? `${failure.check}: ${failure.detail}` : undefined);
    if (failure) {
      trail.set('rejectedText', written.reply.text);
      return { kind: 'handoff', reason: `output_check_failed:${failure.check}`, detail: failure.detail };
    }
    return { kind: 'reply', reply: written.reply, sources: written.sources };
  }

  private writeFromKnowledge(input: ComposeInput, retrieval: Retrieval, language: string | null, trail: TrailRecorder): WrittenAnswer {
    const guidance = readEmbeddedGuidance(input.controls.guidance);
    if (guidance.notApplied.length > 0) trail.set('guidanceNotApplied', guidance.notApplied);
    const draft = answerFromKnowledge(retrieval.hits, language);
    const paragraphs = withoutForbiddenPhrases(draft.paragraphs, guidance.forbiddenPhrases);
    const reply = formatReply(input.channel, { ...draft, paragraphs }, input.customerName, { greeting: guidance.greeting, signOff: guidance.signOff, language });
    // The embedded answer is fitted to the channel by formatting, so its formatted text is what is checked.
    return { written: reply.text, reply, sources: draft.sources.map((source) => source.url) };
  }

  private async writeWithLlm(input: ComposeInput, retrieval: Retrieval, language: string | null, trail: TrailRecorder): Promise<WrittenAnswer | Decision> {
    try {
      const decision = await trail.step('llm', () =>
        this.llm.decide({
          guidance: input.controls.guidance, channel: input.channel, passages: retrieval.hits, transcript: input.transcript, question: input.question,
          answerLanguage: language ? languageName(language) : undefined, restrictedTopics: input.controls.restrictedTopics,
        }),
      );
      trail.set('llmAttempts', decision.attempts);
      if (decision.kind === 'restricted_topic') return restrictedTopicHandoff(decision.topic);
      if (decision.kind === 'handoff') return { kind: 'handoff', reason: 'llm_handoff', detail: decision.reason };
      const cited = decision.citedUrls.length > 0 ? decision.citedUrls : [retrieval.hits[0].url];
      const paragraphs = stripUrls(decision.text, retrieval.hits).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      const sources = cited.map((url) => ({ url, title: retrieval.hits.find((hit) => hit.url === url)?.title ?? url }));
      const reply = formatReply(input.channel, { paragraphs, sources }, input.customerName, { language });
      return { written: decision.text, reply, sources: cited };
    } catch (error) {
      if (!(error instanceof LlmUnavailableError)) throw error;
      trail.set('llmAttempts', error.attempts);
      return { kind: 'handoff', reason: 'llm_unavailable', detail: 'The AI model did not answer in time.' };
    }
  }
}

function restrictedTopicHandoff(topic: string): Decision {
  return { kind: 'handoff', reason: `restricted_topic:${topic}`, detail: `The customer asked about "${topic}", a topic the AI must not answer.` };
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
