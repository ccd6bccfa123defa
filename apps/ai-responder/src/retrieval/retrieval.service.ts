import { Injectable } from '@nestjs/common';
import { RetrievalRepository, type ChunkHit } from './retrieval.repository';
import { textSearchConfigFor } from './text-search-config';

/** Retrieved knowledge for a question, best first, one entry per article-locale. */
export interface Retrieval {
  hits: ChunkHit[];
  /** Whether the best hit covers the question well enough to answer from it. */
  covered: boolean;
  ms: number;
}

/** A hit answers the question when it holds at least half of its terms (two terms when the question has several). */
export function coversQuestion(hit: ChunkHit | undefined): boolean {
  if (!hit) return false;
  const enoughTerms = hit.queryTerms <= 1 ? hit.matchedTerms >= 1 : hit.matchedTerms >= 2;
  return enoughTerms && hit.coverage >= 0.5;
}

const CONFIG_CACHE_MS = 30_000;

/** Finds the knowledge relevant to a customer's question: public only for replies, any for handoff notes. */
@Injectable()
export class RetrievalService {
  private readonly configs = new Map<string, { value: string[]; until: number }>();
  private readonly publicLanguagesByIntegration = new Map<string, { value: string[]; until: number }>();

  constructor(private readonly repository: RetrievalRepository) {}

  async retrieve(
    orgId: string,
    integrationId: string,
    question: string,
    options: { audience: 'customer' | 'team'; limit?: number; preferLanguage?: string | null; onlyLanguage?: string | null },
  ): Promise<Retrieval> {
    const started = performance.now();
    const configs = await this.languageConfigs(orgId, integrationId);
    const chunks = await this.repository.searchChunks(orgId, integrationId, question, {
      configs,
      visibilities: options.audience === 'customer' ? ['public'] : ['public', 'internal'],
      limit: (options.limit ?? 4) * 3,
    });
    const seen = new Set<string>();
    const hits = chunks.filter((hit) => {
      const key = `${hit.articleId}/${hit.locale}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const inScope = options.onlyLanguage ? hits.filter((hit) => languageOf(hit.locale) === options.onlyLanguage) : hits;
    const top = preferLanguage(inScope, options.preferLanguage).slice(0, options.limit ?? 4);
    return { hits: top, covered: coversQuestion(top[0]), ms: Math.round(performance.now() - started) };
  }

  /** Texts of the internal knowledge closest to `text`, best first. */
  async closestInternalTexts(orgId: string, integrationId: string, text: string, limit: number): Promise<string[]> {
    const configs = await this.languageConfigs(orgId, integrationId);
    return this.repository.closestInternalChunks(orgId, integrationId, text, configs, limit);
  }

  /** Languages of the public knowledge (the default of the allowed languages). */
  publicLanguages(orgId: string, integrationId: string): Promise<string[]> {
    return cachedPerIntegration(this.publicLanguagesByIntegration, orgId, integrationId, async () => {
      const locales = await this.repository.findPublicArticleLocales(orgId, integrationId);
      return [...new Set(locales.map(languageOf))];
    });
  }

  private languageConfigs(orgId: string, integrationId: string): Promise<string[]> {
    return cachedPerIntegration(this.configs, orgId, integrationId, async () => {
      const locales = await this.repository.findKnowledgeLocales(orgId, integrationId);
      return [...new Set(locales.map(textSearchConfigFor))];
    });
  }
}

/**
 * A list that changes only when knowledge is synced, kept for CONFIG_CACHE_MS
 * (an empty one for a second: the first sync may be running).
 */
async function cachedPerIntegration(
  cache: Map<string, { value: string[]; until: number }>,
  orgId: string,
  integrationId: string,
  load: () => Promise<string[]>,
): Promise<string[]> {
  const key = `${orgId}/${integrationId}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.value;
  const value = await load();
  cache.set(key, { value, until: Date.now() + (value.length > 0 ? CONFIG_CACHE_MS : 1_000) });
  return value;
}

/** Hits in `language` that cover the question first (stable), so a customer reads knowledge in their own language when it exists. */
function preferLanguage(hits: ChunkHit[], language: string | null | undefined): ChunkHit[] {
  if (!language) return hits;
  const inLanguage = (hit: ChunkHit) => languageOf(hit.locale) === language && coversQuestion(hit);
  return [...hits.filter(inLanguage), ...hits.filter((hit) => !inLanguage(hit))];
}

function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0];
}
