import { normalizeText } from '../handoff/customer-intent';
import type { ResponderControls } from '../integrations/integration-state';

export type RestrictedTopic = ResponderControls['restrictedTopics'][number];

/** Words that say nothing about a topic. */
const FILLER = new Set(
  ('a an the and or of to for in on at by with from is are was be do does did i you we my your our me it this that how what when where why ' +
    'can could would should will please hi hello there any some about get have has want need el la los las de del y o un una mi tu es que como por para ' +
    'le les des et ou du je vous mon ma est der die das und ist ich mein wie').split(' '),
);

/** The first restricted topic the customer's message is about, matched on its name and example phrases (no LLM needed). */
export function matchRestrictedTopic(question: string, topics: RestrictedTopic[]): { topic: RestrictedTopic; matched: string } | null {
  const text = ` ${normalizeText(question).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const words = new Set(contentWords(text));
  for (const topic of topics) {
    for (const phrase of [topic.name, ...(topic.examples ?? [])]) {
      const normalized = normalizeText(phrase).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (!normalized) continue;
      if (text.includes(` ${normalized} `)) return { topic, matched: phrase };
      const wanted = contentWords(normalized);
      const present = wanted.filter((word) => words.has(word) || [...words].some((candidate) => sameStem(candidate, word)));
      if (wanted.length >= 2 && present.length / wanted.length >= 0.75) return { topic, matched: phrase };
    }
  }
  return null;
}

function contentWords(text: string): string[] {
  return text.split(' ').filter((word) => word.length > 2 && !FILLER.has(word));
}

/** "lawyers" and "lawyer", "talking" and "talk": the shorter word, less its ending, starts the longer one. */
function sameStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short.slice(0, Math.max(4, short.length - 2)));
}
