import { PreparedStatement, type QueryExecutor } from '@front-agent/service-kit';

/** A tier expected to match more chunks than this searches titles and keywords only (their own GIN index). */
const MAX_CANDIDATES = 700;
/**
 * Matches ranked per tier at most: a question made only of words most
 * chunks share would otherwise rank thousands of rows (tens of ms) to keep 20.
 */
export const MAX_RANKED = 700;
/** Best chunks kept from each search tier. */
const PER_TIER_CANDIDATES = 20;
const WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

export interface SearchTier {
  query: string;
  titlesOnly: boolean;
}

/** One language configuration's search: the question's lexemes in it and the tiers to try, in order. */
export interface ConfigSearch {
  config: string;
  lexemes: string[];
  tiers: SearchTier[];
}

/** A chunk found by tier `tier` of search `search` (indexes into the searches given), `position` its place in that tier. */
export interface TierRow {
  search: number;
  tier: number;
  position: number;
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

/**
 * The searches to run, cheapest and most specific first: every term together;
 * then any of the rarest terms whose chunks add up to at most MAX_CANDIDATES;
 * then, for the terms too common for that, titles and keywords holding the
 * two rarest terms, then the rarest one.
 */
export function searchTiers(known: string[], frequencies: Map<string, number>): SearchTier[] {
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

/**
 * Every configuration's tiers in one statement (one round trip where there
 * were one per tier). A tier after the first runs only while the earlier
 * tiers of its configuration found fewer than `enough` distinct chunks: that
 * condition references no row, so PostgreSQL evaluates it once and does not
 * scan at all when it is false. The caller stops at the same tier it would
 * have stopped at running them one by one (it also counts the chunks of
 * earlier configurations, so it may ignore a tier the statement ran; never
 * the reverse). Each tier: at most MAX_RANKED matches through the GIN index,
 * the best PER_TIER_CANDIDATES by cover density on the searched column, then
 * ranked against any of the question's terms, with the share of its terms
 * the chunk holds and whether its title matches.
 */
export function runTieredSearch(
  executor: QueryExecutor,
  scope: { orgId: string; integrationId: string; visibilities: Array<'public' | 'internal'>; enough: number },
  searches: ConfigSearch[],
): Promise<TierRow[]> {
  const parameters: unknown[] = [scope.orgId, scope.integrationId, scope.visibilities];
  const bind = (value: unknown) => `$${parameters.push(value)}`;
  let enoughParameter: string | undefined;
  const enough = () => (enoughParameter ??= bind(scope.enough));
  const tiers: string[] = [];
  const names: string[] = [];
  searches.forEach((search, s) => {
    // A parameter no statement text uses would have no type: bind a configuration's values only when it has tiers.
    if (search.tiers.length === 0) return;
    const config = bind(search.config);
    const anyTerm = bind(search.lexemes.map(quoteLexeme).join(' | '));
    const lexemes = bind(search.lexemes);
    search.tiers.forEach((tier, t) => {
      const name = `s${s}t${t}`;
      const stillNeeded = t === 0 ? null : { earlierTiers: names.slice(names.length - t), enough: enough() };
      tiers.push(`${name} AS (${tierSql(s, t, tier.titlesOnly, { config, anyTerm, lexemes, query: bind(tier.query) }, stillNeeded)})`);
      names.push(name);
    });
  });
  if (names.length === 0) return Promise.resolve([]);
  const text = `WITH ${tiers.join(',\n')}\n${names.map((name) => `SELECT * FROM ${name}`).join(' UNION ALL ')} ORDER BY 1, 2, 3`;
  return PreparedStatement.of(text).run(executor, parameters);
}

function tierSql(
  search: number,
  tier: number,
  titlesOnly: boolean,
  p: { config: string; anyTerm: string; lexemes: string; query: string },
  stillNeeded: { earlierTiers: string[]; enough: string } | null,
): string {
  const column = titlesOnly ? 'title_tsv' : 'tsv';
  const found = stillNeeded?.earlierTiers.map((name) => `SELECT article_id, locale, chunk_index FROM ${name}`).join(' UNION ');
  const guard = stillNeeded ? `AND (SELECT count(*) FROM (${found}) AS found) < ${stillNeeded.enough}::int` : '';
  return `SELECT ${search} AS search, ${tier} AS tier, row_number() OVER () AS position,
      top.article_id, top.kb_id, top.locale, top.chunk_index, top.title, top.url, top.body, top.visibility,
      ts_rank_cd(${WEIGHTS}, top.tsv, ${p.anyTerm}::tsquery, 1) AS rank,
      cardinality(ARRAY(SELECT unnest(${p.lexemes}::text[]) INTERSECT SELECT unnest(tsvector_to_array(top.tsv)))) AS matched,
      cardinality(${p.lexemes}::text[]) AS terms,
      to_tsvector(${p.config}::regconfig, public.unaccent(top.title)) @@ ${p.anyTerm}::tsquery AS title_hit
    FROM (
      SELECT candidates.*, ts_rank_cd(${WEIGHTS}, candidates.searched, ${p.query}::tsquery, 1) AS tier_rank
      FROM (
        SELECT c.article_id, c.kb_id, c.locale, c.chunk_index, c.title, c.url, c.body, c.visibility, c.tsv, c.${column} AS searched
        FROM responder.knowledge_chunks c
        WHERE c.${column} @@ ${p.query}::tsquery AND c.org_id = $1 AND c.integration_id = $2 AND c.lang_config = ${p.config}::regconfig
          AND c.visibility = ANY($3) ${guard}
        LIMIT ${MAX_RANKED}) AS candidates
      ORDER BY tier_rank DESC LIMIT ${PER_TIER_CANDIDATES}) AS top`;
}
