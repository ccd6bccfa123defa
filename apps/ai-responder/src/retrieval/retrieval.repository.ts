import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';
import { TEXT_SEARCH_CONFIGS } from './text-search-config';
import { MAX_RANKED, runTieredSearch, searchTiers, type ConfigSearch, type TierRow } from './tiered-search';

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

/** Stop relaxing once this many chunks were found. */
const ENOUGH_HITS = 5;
/** Question terms considered (long messages: the first ones). */
const MAX_TERMS = 12;
/**
 * The question's lexemes and how many chunks hold each: index lookups whose
 * plan does not depend on the question.
 */
const QUESTION_TERMS = new PreparedStatement(
  `SELECT q.config, q.lexeme, t.chunks
   FROM (SELECT cfg AS config, unnest(tsvector_to_array(to_tsvector(cfg::regconfig, public.unaccent($3)))) AS lexeme
         FROM unnest($4::text[]) AS cfg) q
   LEFT JOIN responder.knowledge_terms t ON t.org_id = $1 AND t.integration_id = $2 AND t.lang_config = q.config AND t.lexeme = q.lexeme`,
);

/**
 * The output checks' internal-knowledge search. Prepared: the query is built
 * from the text inside the statement, so no plan could use its value anyway.
 */
const CLOSEST_INTERNAL_CHUNKS = new PreparedStatement(
  `WITH q AS MATERIALIZED (
     SELECT cfg::regconfig AS config,
            -- Each distinct lexeme once, quoted for tsquery (chr 39 a quote, chr 92 a backslash), ORed.
            (SELECT string_agg(chr(39) || replace(replace(lexeme, chr(92), repeat(chr(92), 2)), chr(39), repeat(chr(39), 2)) || chr(39), ' | ')
             FROM unnest(tsvector_to_array(to_tsvector(cfg::regconfig, public.unaccent($3)))) AS lexeme)::tsquery AS query
     FROM unnest($4::text[]) AS cfg),
   matched AS MATERIALIZED (
     SELECT hit.body, hit.tsv, q.query
     FROM q
     CROSS JOIN LATERAL (
       SELECT c.body, c.tsv FROM responder.knowledge_chunks c
       WHERE c.tsv @@ q.query AND c.org_id = $1 AND c.integration_id = $2 AND c.lang_config = q.config
         AND c.visibility = 'internal'
       LIMIT ${MAX_RANKED}) hit
     WHERE numnode(q.query) > 0)
   SELECT body FROM matched
   ORDER BY CASE WHEN (SELECT count(*) FROM matched) > $5 THEN ts_rank(tsv, query) END DESC
   LIMIT $5`,
);

/** Full-text search over responder.knowledge_chunks (GIN on tsv); the org and integration bound every query. */
@Injectable()
export class RetrievalRepository {
  constructor(private readonly db: DataSource) {}

  /** Locales the integration's public articles are written in. */
  async findPublicArticleLocales(orgId: string, integrationId: string): Promise<string[]> {
    const rows: Array<{ locale: string }> = await this.db.query(
      `SELECT DISTINCT locale FROM responder.knowledge_articles WHERE org_id = $1 AND integration_id = $2 AND visibility = 'public'`,
      [orgId, integrationId],
    );
    return rows.map((row) => row.locale);
  }

  /** Locales of the integration's selected knowledge bases (their articles' languages). */
  async findKnowledgeLocales(orgId: string, integrationId: string): Promise<string[]> {
    const rows: Array<{ locale: string }> = await this.db.query(
      `SELECT DISTINCT unnest(locales) AS locale FROM responder.knowledge_bases WHERE org_id = $1 AND integration_id = $2 AND selected`,
      [orgId, integrationId],
    );
    return rows.map((row) => row.locale);
  }

  /**
   * The internal chunks closest to `text` (an answer about to be sent), in one
   * statement: any of the text's distinct terms, per language configuration, at
   * most MAX_RANKED matches, ranked by term frequency only when more than
   * `limit` matched. For the output checks, which need only the texts and only
   * the internal ones, not the tiered search. Cover density (ts_rank_cd) costs
   * about 10 ms a chunk against an OR of an answer's terms, ts_rank well under
   * one; the query is built once per configuration (MATERIALIZED), where the
   * planner would otherwise build it again for every chunk.
   */
  async closestInternalChunks(orgId: string, integrationId: string, text: string, configs: string[], limit: number): Promise<string[]> {
    const searched = configs.filter((config) => TEXT_SEARCH_CONFIGS.has(config));
    if (searched.length === 0 || !text.trim()) return [];
    const rows: Array<{ body: string }> = await CLOSEST_INTERNAL_CHUNKS.run(this.db, [orgId, integrationId, text, searched, limit]);
    return rows.map((row) => row.body);
  }

  /**
   * Chunks for `question`, per language configuration (terms stemmed for that
   * language, accents removed), through the GIN indexes in the tiers of
   * searchTiers() (rarest terms first, bounded candidate sets), each ranked by
   * cover density with the title weighted highest; hits are then scored by the
   * share of the question's terms they hold, plus a bonus when the title matches.
   * Two statements whatever the languages and tiers: the question's terms and
   * their frequencies, then every tier (runTieredSearch).
   */
  async searchChunks(
    orgId: string,
    integrationId: string,
    question: string,
    options: { configs: string[]; visibilities: Array<'public' | 'internal'>; limit: number },
  ): Promise<ChunkHit[]> {
    const configs = options.configs.filter((config) => TEXT_SEARCH_CONFIGS.has(config));
    if (configs.length === 0 || !question.trim()) return [];
    const terms = await this.questionTerms(orgId, integrationId, question.slice(0, 2_000), configs);
    const searches: ConfigSearch[] = terms.map(({ config, lexemes, frequencies }) => {
      const known = lexemes.filter((lexeme) => (frequencies.get(lexeme) ?? 0) > 0).sort((a, b) => frequencies.get(a)! - frequencies.get(b)!);
      return { config, lexemes, tiers: searchTiers(known, frequencies) };
    });
    const enough = Math.min(options.limit, ENOUGH_HITS);
    const rows = await runTieredSearch(this.db, { orgId, integrationId, visibilities: options.visibilities, enough }, searches);
    const hits = new Map<string, ChunkHit>();
    searches.forEach((search, s) => {
      for (let t = 0; t < search.tiers.length; t += 1) {
        for (const row of rows.filter((found) => found.search === s && found.tier === t)) {
          const hit = toHit(row);
          const key = `${hit.articleId}/${hit.locale}/${row.chunk_index}`;
          if (!hits.has(key) || hits.get(key)!.score < hit.score) hits.set(key, hit);
        }
        if (hits.size >= enough) break;
      }
    });
    return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, options.limit);
  }

  /** The question's lexemes per configuration, with how many chunks hold each (0: none). */
  private async questionTerms(orgId: string, integrationId: string, question: string, configs: string[]) {
    const rows: Array<{ config: string; lexeme: string | null; chunks: number | null }> = await QUESTION_TERMS.run(this.db, [orgId, integrationId, question, configs]);
    return configs.map((config) => {
      const own = rows.filter((row) => row.config === config && row.lexeme);
      return {
        config,
        lexemes: own.map((row) => row.lexeme as string).slice(0, MAX_TERMS),
        frequencies: new Map(own.map((row) => [row.lexeme as string, Number(row.chunks ?? 0)])),
      };
    });
  }
}

function toHit(row: TierRow): ChunkHit {
  const coverage = row.terms > 0 ? Number(row.matched) / Number(row.terms) : 0;
  const rank = Number(row.rank);
  return {
    articleId: row.article_id, kbId: row.kb_id, locale: row.locale, title: row.title, url: row.url, body: row.body,
    visibility: row.visibility, coverage, matchedTerms: Number(row.matched), queryTerms: Number(row.terms), rank,
    score: round(coverage + Math.min(rank, 1) + (row.title_hit ? 0.25 : 0)),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
