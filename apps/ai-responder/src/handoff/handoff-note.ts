import type { ChunkHit } from '../retrieval/retrieval.repository';
import type { Sentiment } from './customer-intent';

const REASONS: Record<string, string> = {
  customer_asked_for_human: 'The customer asked to talk to a human.',
  no_knowledge: 'The knowledge base does not cover this question.',
  llm_handoff: 'The AI could not answer from the knowledge base.',
  llm_unavailable: 'The AI model did not answer in time.',
  repeated_failures: 'The AI failed repeatedly on this conversation.',
};

/** The internal comment a handoff leaves for the team (markdown). */
export function handoffNote(input: {
  reason: string;
  detail?: string;
  sentiment: Sentiment;
  question: string;
  conversation: Array<{ author: string; text: string }>;
  internalKnowledge: ChunkHit[];
}): string {
  const lines = [
    '**AI handoff**',
    `**Reason:** ${REASONS[input.reason] ?? input.reason}${input.detail && input.detail !== REASONS[input.reason] ? ` (${input.detail})` : ''}`,
    `**Customer sentiment:** ${input.sentiment}`,
    `**What the customer asked:** ${clip(input.question, 500)}`,
  ];
  if (input.conversation.length > 0) {
    lines.push('**Conversation so far:**', ...input.conversation.slice(-8).map((line) => `- ${line.author}: ${clip(line.text, 200)}`));
  }
  if (input.internalKnowledge.length > 0) {
    lines.push(
      '**Knowledge that may help (internal included):**',
      ...input.internalKnowledge.map((hit) => `- [${hit.title}](${hit.url})${hit.visibility === 'internal' ? ' (internal)' : ''}`),
    );
  }
  return lines.join('\n');
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
