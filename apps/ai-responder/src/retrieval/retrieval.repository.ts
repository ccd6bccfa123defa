import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';
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
  chunk_index: number;
  matched: number;
  terms: number;
  rank: number;
  title_hit: boolean;
}

/** Best chunks kept from each search tier. */
const PER_TIER_CANDIDATES = 20;
/** A tier expected to match more chunks than this searches titles and keywords only (their own GIN index). */
const MAX_CANDIDATES = 700;
/**
 * Matches ranked per search at most: a question made only of words most
 * chunks share would otherwise rank thousands of rows (tens of ms) to keep 20.
 */
const MAX_RANKED = 700;
/** Stop relaxing once this many chunks were found. */
const ENOUGH_HITS = 5;
/** Question terms considered (long messages: the first ones). */
const MAX_TERMS = 12;
/**
 * The question's lexemes and how many chunks hold each: index lookups whose
 * plan does not depend on the question, so prepared (the searches are not).
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
    const hits = new Map<string, ChunkHit>();
    for (const { config, lexemes, frequencies } of terms) {
      const known = lexemes.filter((lexeme) => (frequencies.get(lexeme) ?? 0) > 0).sort((a, b) => frequencies.get(a)! - frequencies.get(b)!);
      for (const tier of searchTiers(known, frequencies)) {
        const rows = await this.searchTier(orgId, integrationId, { config, ...tier }, lexemes, options.visibilities);
        for (const row of rows) {
          const hit = toHit(row);
          const key = `${hit.articleId}/${hit.locale}/${row.chunk_index}`;
          if (!hits.has(key) || hits.get(key)!.score < hit.score) hits.set(key, hit);
        }
        if (hits.size >= Math.min(options.limit, ENOUGH_HITS)) break;
      }
    }
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

  private searchTier(
    orgId: string,
    integrationId: string,
    tier: { config: string; query: string; titlesOnly: boolean },
    lexemes: string[],
    visibilities: Array<'public' | 'internal'>,
  ): Promise<HitRow[]> {
    const { config, query } = tier;
    const column = tier.titlesOnly ? 'title_tsv' : 'tsv';
    const anyTerm = lexemes.map(quoteLexeme).join(' | ');
    return PreparedStatement.of(
      `WITH candidates AS (
         SELECT c.article_id, c.kb_id, c.locale, c.chunk_index, c.title, c.url, c.body, c.visibility, c.tsv, c.${column} AS searched
         FROM responder.knowledge_chunks c
         WHERE c.${column} @@ $4::tsquery AND c.org_id = $1 AND c.integration_id = $2 AND c.lang_config = $3::regconfig
           AND c.visibility = ANY($6)
         LIMIT ${MAX_RANKED}),
       top AS (
         SELECT candidates.*, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', candidates.searched, $4::tsquery, 1) AS tier_rank
         FROM candidates ORDER BY tier_rank DESC LIMIT ${PER_TIER_CANDIDATES})
       SELECT t.article_id, t.kb_id, t.locale, t.chunk_index, t.title, t.url, t.body, t.visibility,
         ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', t.tsv, $5::tsquery, 1) AS rank,
         cardinality(ARRAY(SELECT unnest($7::text[]) INTERSECT SELECT unnest(tsvector_to_array(t.tsv)))) AS matched,
         cardinality($7::text[]) AS terms,
         to_tsvector($3::regconfig, public.unaccent(t.title)) @@ $5::tsquery AS title_hit
       FROM top t`,
    ).run(this.db, [orgId, integrationId, config, query, anyTerm, visibilities, lexemes]);
  }
}

/**
 * The searches to run, cheapest and most specific first: every term together;
 * then any of the rarest terms whose chunks add up to at most MAX_CANDIDATES;
 * then, for the terms too common for that, titles and keywords holding the
 * two rarest terms, then the rarest one.
 */
export function searchTiers(known: string[], frequencies: Map<string, number>): Array<{ query: string; titlesOnly: boolean }> {
  if (known.length === 0) return [];
  const tiers = known.length > 1 ? [{ query: known.map(quoteLexeme).join(' & '), titlesOnly: false }] : [];
  const affordable: string[] = [];
  let rows = 0;
  for (const lexeme of known) {
    rows += frequencies.get(lexeme) ?? 0;
    if (rows > MAX_CANDIDATES) break;
    affordable.push(lexeme);
  }
  if (affordable.length > 0) tiers.push({ query: affordable.map(quoteLexeme).join(' | '), titlesOnly: false });
  if (affordable.length < known.length) {
    if (known.length > 1) tiers.push({ query: known.slice(0, 2).map(quoteLexeme).join(' & '), titlesOnly: true });
    tiers.push({ query: quoteLexeme(known[0]), titlesOnly: true });
  }
  return tiers;
}

/** A lexeme as a tsquery operand (quoted, quotes and backslashes escaped). */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function toHit(row: HitRow): ChunkHit {
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
