import { normalizeText } from '../handoff/customer-intent';

/** Frequent short words per language (accents removed): enough to tell a customer's message apart. */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'are', 'how', 'what', 'my', 'i', 'you', 'your', 'do', 'does', 'can', 'to', 'it', 'with', 'for', 'of', 'when', 'where', 'why', 'this', 'have', 'please', 'not', 'was', 'be', 'me', 'on', 'in'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'como', 'que', 'mi', 'mis', 'puedo', 'por', 'para', 'con', 'una', 'un', 'del', 'cuando', 'donde', 'por que', 'esta', 'tengo', 'quiero', 'no', 'se', 'me', 'su', 'cual', 'hola', 'gracias'],
  fr: ['le', 'la', 'les', 'et', 'est', 'comment', 'mon', 'ma', 'mes', 'je', 'vous', 'votre', 'pour', 'avec', 'une', 'un', 'du', 'des', 'quand', 'ou', 'pourquoi', 'ce', 'cette', 'ai', 'pas', 'ne', 'bonjour', 'merci', 'puis', 'est-ce'],
  de: ['der', 'die', 'das', 'und', 'ist', 'wie', 'mein', 'meine', 'ich', 'sie', 'ihr', 'fur', 'mit', 'eine', 'ein', 'nicht', 'wann', 'wo', 'warum', 'kann', 'habe', 'bitte', 'danke', 'hallo', 'zu', 'auf', 'den', 'dem', 'es', 'was'],
  pt: ['o', 'a', 'os', 'as', 'e', 'como', 'que', 'meu', 'minha', 'eu', 'voce', 'seu', 'sua', 'para', 'com', 'uma', 'um', 'do', 'da', 'quando', 'onde', 'porque', 'nao', 'tenho', 'quero', 'posso', 'obrigado', 'ola', 'isso', 'esta'],
  nl: ['de', 'het', 'een', 'en', 'is', 'hoe', 'mijn', 'ik', 'jij', 'je', 'u', 'uw', 'voor', 'met', 'niet', 'wanneer', 'waar', 'waarom', 'kan', 'heb', 'graag', 'bedankt', 'hallo', 'van', 'op', 'te', 'wat', 'dit', 'dat', 'ook'],
};

/** Letters that only some of these languages use. */
const MARKERS: Array<[RegExp, string]> = [
  [/[ñ¿¡]/, 'es'],
  [/[ãõ]/, 'pt'],
  [/[ßäöü]/, 'de'],
  [/[çèêëàâœ]/, 'fr'],
  [/ij\b/, 'nl'],
];

const LIST_BY_LANGUAGE = Object.fromEntries(Object.entries(STOPWORDS).map(([language, list]) => [language, new Set(list)]));

/**
 * The customer's language (ISO 639-1) from frequent words and letters, or
 * null when the text is too short or too mixed to tell.
 */
export function detectLanguage(text: string): string | null {
  const tokens = normalizeText(text).match(/[a-z'-]+/g) ?? [];
  const scores = new Map<string, number>();
  for (const language of Object.keys(STOPWORDS)) {
    scores.set(language, tokens.filter((token) => LIST_BY_LANGUAGE[language].has(token)).length);
  }
  const lower = text.toLowerCase();
  for (const [pattern, language] of MARKERS) if (pattern.test(lower)) scores.set(language, (scores.get(language) ?? 0) + 1.5);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best[1] < 1.5 || best[1] - second[1] < 1) return null;
  return best[0];
}

/** `es` for `es`, `es-MX` or `es_MX`. */
export function languageOfLocale(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0];
}

/** Names already looked up: every reply asks for the same few, and each Intl.DisplayNames is built anew. */
const NAMES = new Map<string, string>();
const MAX_NAMES = 1_000;

/** "Spanish" (or "espagnol" when `inLanguage` is fr). */
export function languageName(code: string, inLanguage = 'en'): string {
  const key = `${inLanguage}:${code}`;
  const known = NAMES.get(key);
  if (known !== undefined) return known;
  let name: string;
  try {
    name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    name = code;
  }
  if (NAMES.size < MAX_NAMES) NAMES.set(key, name);
  return name;
}
