import { languageName } from '../controls/language-detection';
import type { ChunkHit } from '../retrieval/retrieval.repository';
import type { Sentiment } from './customer-intent';
import { handoffNoteText, reasonInWords } from './handoff-note-text';

/** The internal comment a handoff leaves for the team (markdown), in the team's language. */
export function handoffNote(input: {
  reason: string;
  detail?: string;
  sentiment: Sentiment;
  question: string;
  conversation: Array<{ author: string; text: string }>;
  internalKnowledge: ChunkHit[];
  /** ISO 639-1; English by default. */
  teamLanguage?: string;
  customerLanguage?: string | null;
}): string {
  const text = handoffNoteText(input.teamLanguage);
  const reason = reasonInWords(input.reason, text);
  // Details are written in English; another team sees them only when they carry what the reason cannot (the model's own words).
  const showDetail = text === handoffNoteText('en') || input.reason === 'llm_handoff';
  const detail = input.detail && input.detail !== reason && showDetail ? ` (${input.detail})` : '';
  const lines = [`**${text.title}**`, `**${text.reason}:** ${reason}${detail}`];
  if (input.customerLanguage) {
    lines.push(`**${text.customerLanguage}:** ${languageName(input.customerLanguage, input.teamLanguage ?? 'en')} (${input.customerLanguage})`);
  }
  lines.push(`**${text.sentiment}:** ${input.sentiment}`, `**${text.asked}:** ${clip(input.question, 500)}`);
  if (input.conversation.length > 0) {
    lines.push(`**${text.conversation}:**`, ...input.conversation.slice(-8).map((line) => `- ${line.author}: ${clip(line.text, 200)}`));
  }
  if (input.internalKnowledge.length > 0) {
    lines.push(
      `**${text.knowledge}:**`,
      ...input.internalKnowledge.map((hit) => `- [${hit.title}](${hit.url})${hit.visibility === 'internal' ? ` (${text.internal})` : ''}`),
    );
  }
  return lines.join('\n');
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
