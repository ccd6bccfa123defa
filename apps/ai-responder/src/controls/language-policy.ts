import type { ResponderControls } from '../integrations/integration-state';
import { languageOfLocale } from './language-detection';

/** In which language to answer, or why not to. */
export type LanguageDecision =
  | { kind: 'answer'; language: string | null; fallback: boolean }
  | { kind: 'handoff'; customerLanguage: string; allowed: string[] };

/**
 * The customer's language when allowed (the admin's list, else the languages
 * of the public knowledge); otherwise the team language if the admin chose
 * that fallback, else a handoff. An undetected language is answered as usual.
 */
export function decideLanguage(customerLanguage: string | null, controls: ResponderControls, knowledgeLocales: string[]): LanguageDecision {
  if (!customerLanguage) return { kind: 'answer', language: null, fallback: false };
  const allowed = controls.languages.allowed ?? [...new Set(knowledgeLocales.map(languageOfLocale))];
  if (allowed.length === 0 || allowed.includes(customerLanguage)) return { kind: 'answer', language: customerLanguage, fallback: false };
  if (controls.languages.fallback === 'team_language') return { kind: 'answer', language: controls.languages.teamLanguage, fallback: true };
  return { kind: 'handoff', customerLanguage, allowed };
}
