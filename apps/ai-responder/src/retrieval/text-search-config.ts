/** Postgres text-search configurations by language code; anything else is indexed with `simple`. */
const CONFIG_BY_LANGUAGE: Record<string, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  de: 'german',
  pt: 'portuguese',
  nl: 'dutch',
};

/** The text-search configuration for a locale such as `fr`, `fr-CA` or `pt_BR`. */
export function textSearchConfigFor(locale: string): string {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return CONFIG_BY_LANGUAGE[language] ?? 'simple';
}

/** Every configuration name we may store, to validate before it reaches SQL. */
export const TEXT_SEARCH_CONFIGS = new Set([...Object.values(CONFIG_BY_LANGUAGE), 'simple']);
