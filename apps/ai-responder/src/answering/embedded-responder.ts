import type { ChunkHit } from '../retrieval/retrieval.repository';
import type { DraftAnswer } from './reply-format';
import { replyPhrases } from './reply-phrases';

/**
 * The knowledge-only responder used when no LLM is configured: the most
 * relevant passage (and a second one from another article when it is nearly
 * as relevant), quoted with the article link.
 */
export function answerFromKnowledge(hits: ChunkHit[], language?: string | null): DraftAnswer {
  const phrases = replyPhrases(language);
  const [best, second] = hits;
  const chosen = second && second.articleId !== best.articleId && second.score >= best.score * 0.9 && second.coverage >= 0.5 ? [best, second] : [best];
  return {
    paragraphs: [
      chosen.length === 1 ? phrases.fromHelpCenterAbout(best.title) : phrases.fromHelpCenter,
      ...chosen.map((hit) => leadText(hit.body)),
    ],
    sources: chosen.map((hit) => ({ title: hit.title, url: hit.url })),
  };
}

/** The passage's first sentences, about 600 characters. */
function leadText(body: string, maxChars = 600): string {
  const lines = body.split('\n').map((line) => line.trim()).filter(Boolean);
  let text = '';
  for (const line of lines) {
    if (text && text.length + line.length > maxChars) break;
    text = text ? `${text}\n${line}` : line;
  }
  return text;
}
