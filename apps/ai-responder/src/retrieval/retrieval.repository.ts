import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEXT_SEARCH_CONFIGS } from './text-search-config';

/** One matching chunk. `coverage`: share of the question's terms (in the chunk's language) found in it. */
export interface ChunkHit {
  articleId: string;
  kbId: string;
  locale: string;
  title: string;
  url: string;
  body: string;
  visibility: 'public' | 'internal';
  coverage: number;
  matchedTerms: number;
  queryTerms: number;
  rank: number;
  score: number;
}

interface HitRow {
  article_id: string;
  kb_id: string;
  locale: string;
  title: string;
  url: string;
  body: string;
  visibility: 'public' | 'internal';
  matched: number;
  terms: number;
  rank: number;
  title_hit: boolean;
}

const PER_LANGUAGE_CANDIDATES = 30;

/** Full-text search over responder.knowledge_chunks (GIN on tsv); the org and integration bound every query. */
@Injectable()
export class RetrievalRepository {
  constructor(private readonly db: DataSource) {}

  /** Locales of the integration's selected knowledge bases (their articles' languages). */
  async findKnowledgeLocales(orgId: string, integrationId: string): Promise<string[]> {
    const rows: Array<{ locale: string }> = await this.db.query(
      `SELECT DISTINCT unnest(locales) AS locale FROM responder.knowledge_bases WHERE org_id = $1 AND integration_id = $2 AND selected`,
      [orgId, integrationId],
    );
    return rows.map((row) => row.locale);
  }

  /**
   * Chunks matching any term of `question`, searched once per language
   * configuration (each query's terms stemmed for that language, accents
   * removed), ranked by cover density with the title weighted highest, then
   * re-scored by term coverage with a bonus when the title matches.
   */
  async searchChunks(
    orgId: string,
    integrationId: string,
    question: string,
    options: { configs: string[]; visibilities: Array<'public' | 'internal'>; limit: number },
  ): Promise<ChunkHit[]> {
    const configs = options.configs.filter((config) => TEXT_SEARCH_CONFIGS.has(config));
    if (configs.length === 0 || !question.trim()) return [];
    const perLanguage = configs.map(
      (config) => `(SELECT c.article_id, c.kb_id, c.locale, c.title, c.url, c.body, c.visibility, c.tsv, c.lang_config, q.query,
          ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.tsv, q.query, 1) AS rank
        FROM responder.knowledge_chunks c,
          (SELECT replace(plainto_tsquery('${config}', public.unaccent($3))::text, '&', '|')::tsquery AS query) q
        WHERE c.tsv @@ q.query AND c.org_id = $1 AND c.integration_id = $2 AND c.lang_config = '${config}'::regconfig
          AND c.visibility = ANY($4)
        ORDER BY rank DESC LIMIT ${PER_LANGUAGE_CANDIDATES})`,
    );
    const rows: HitRow[] = await this.db.query(
      `WITH hits AS (${perLanguage.join(' UNION ALL ')}),
       scored AS (SELECT h.*, tsvector_to_array(to_tsvector(h.lang_config, public.unaccent($3))) AS terms_array FROM hits h)
       SELECT s.article_id, s.kb_id, s.locale, s.title, s.url, s.body, s.visibility, s.rank,
         cardinality(ARRAY(SELECT unnest(s.terms_array) INTERSECT SELECT unnest(tsvector_to_array(s.tsv)))) AS matched,
         cardinality(s.terms_array) AS terms,
         to_tsvector(s.lang_config, public.unaccent(s.title)) @@ s.query AS title_hit
       FROM scored s`,
      [orgId, integrationId, question.slice(0, 2_000), options.visibilities],
    );
    return rows
      .map((row) => {
        const coverage = row.terms > 0 ? Number(row.matched) / Number(row.terms) : 0;
        const rank = Number(row.rank);
        return {
          articleId: row.article_id, kbId: row.kb_id, locale: row.locale, title: row.title, url: row.url, body: row.body,
          visibility: row.visibility, coverage, matchedTerms: Number(row.matched), queryTerms: Number(row.terms), rank,
          score: round(coverage + Math.min(rank, 1) + (row.title_hit ? 0.25 : 0)),
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
