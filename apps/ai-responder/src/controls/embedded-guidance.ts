/** What the embedded (no-LLM) responder can take from the team's guidance. */
export interface EmbeddedGuidance {
  greeting?: string;
  signOff?: string;
  forbiddenPhrases: string[];
  /** Entries it cannot apply without a model (tone, what to say when): shown on the trail and the status page. */
  notApplied: string[];
}

const GREETING = /^\s*(?:greeting|greet(?: customers)?(?: with)?|start (?:with|by saying)|open with)\s*[:-]?\s*["“](.+?)["”]\s*\.?\s*$/i;
const SIGN_OFF = /^\s*(?:sign[- ]?off|signature|sign off with|end (?:with|by saying)|close with)\s*[:-]?\s*["“](.+?)["”]\s*\.?\s*$/i;
const FORBIDDEN = /^\s*(?:never|don't|do not)\s+(?:say|use|write|mention)\b[^"“]*((?:["“][^"”]+["”][\s,or]*)+)\.?\s*$/i;

/**
 * Reads guidance entries of the forms `Greeting: "Hello!"`, `Sign off with
 * "The Acme team"` and `Never say "unfortunately"`; anything else needs a model.
 */
export function readEmbeddedGuidance(guidance: string[]): EmbeddedGuidance {
  const result: EmbeddedGuidance = { forbiddenPhrases: [], notApplied: [] };
  for (const entry of guidance) {
    const greeting = GREETING.exec(entry);
    const signOff = SIGN_OFF.exec(entry);
    const forbidden = FORBIDDEN.exec(entry);
    if (greeting) result.greeting = greeting[1].trim();
    else if (signOff) result.signOff = signOff[1].trim();
    else if (forbidden) result.forbiddenPhrases.push(...[...forbidden[1].matchAll(/["“]([^"”]+)["”]/g)].map((match) => match[1].trim()));
    else result.notApplied.push(entry);
  }
  return result;
}

/** The paragraphs without the sentences that use a forbidden phrase. */
export function withoutForbiddenPhrases(paragraphs: string[], phrases: string[]): string[] {
  if (phrases.length === 0) return paragraphs;
  const lowered = phrases.map((phrase) => phrase.toLowerCase());
  return paragraphs
    .map((paragraph) =>
      (paragraph.match(/[^.!?\n]+[.!?]*\s*|\n/g) ?? [paragraph])
        .filter((sentence) => !lowered.some((phrase) => sentence.toLowerCase().includes(phrase)))
        .join('')
        .trim(),
    )
    .filter(Boolean);
}

/** The first forbidden phrase the text uses. */
export function forbiddenPhraseIn(text: string, phrases: string[]): string | null {
  const lowered = text.toLowerCase();
  return phrases.find((phrase) => lowered.includes(phrase.toLowerCase())) ?? null;
}
