import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEXT_SEARCH_CONFIGS } from '../retrieval/text-search-config';

/** A knowledge base as the overview shows it. */
export interface StoredKnowledgeBase {
  id: string;
  name: string;
  type: 'internal' | 'external';
  locales: string[];
  selected: boolean;
  articleCount: number;
}

/** One article in one locale, ready to index. */
export interface IndexedArticle {
  kbId: string;
  articleId: string;
  locale: string;
  title: string;
  url: string;
  status: string;
  visibility: 'public' | 'internal';
  category: string | null;
  keywords: string[];
  frontUpdatedAt: number;
  contentHash: string;
  textSearchConfig: string;
  chunks: string[];
}

/** What the index holds of an article-locale, to decide whether to fetch it again. */
export interface ArticleVersion {
  frontUpdatedAt: number;
  contentHash: string;
}

/** responder.knowledge_*: knowledge bases, articles and their searchable chunks. Every query takes the org. */
@Injectable()
export class KnowledgeRepository {
  constructor(private readonly db: DataSource) {}

  async saveKnowledgeBase(
    orgId: string,
    integrationId: string,
    kb: Omit<StoredKnowledgeBase, 'articleCount'> & { frontUpdatedAt: number },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO responder.knowledge_bases (org_id, integration_id, kb_id, name, type, locales, selected, front_updated_at, synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (org_id, integration_id, kb_id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
         locales = EXCLUDED.locales, selected = EXCLUDED.selected, front_updated_at = EXCLUDED.front_updated_at, synced_at = now()`,
      [orgId, integrationId, kb.id, kb.name, kb.type, kb.locales, kb.selected, kb.frontUpdatedAt],
    );
  }

  /** Names of the known knowledge bases with the Front version they were read at: `kbId` → {name, frontUpdatedAt}. */
  async findKnowledgeBaseNames(orgId: string, integrationId: string): Promise<Map<string, { name: string; frontUpdatedAt: number }>> {
    const rows: Array<{ kb_id: string; name: string; front_updated_at: number }> = await this.db.query(
      `SELECT kb_id, name, front_updated_at FROM responder.knowledge_bases WHERE org_id = $1 AND integration_id = $2`,
      [orgId, integrationId],
    );
    return new Map(rows.map((row) => [row.kb_id, { name: row.name, frontUpdatedAt: Number(row.front_updated_at) }]));
  }

  /** Forgets knowledge bases Front no longer has, with their articles. */
  async deleteKnowledgeBasesExcept(orgId: string, integrationId: string, keepIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM responder.knowledge_bases WHERE org_id = $1 AND integration_id = $2 AND NOT (kb_id = ANY($3))`, [
      orgId, integrationId, keepIds,
    ]);
    await this.deleteArticlesOfKnowledgeBasesExcept(orgId, integrationId, keepIds);
  }

  /** Removes every article of the knowledge bases not in `keepIds` (deselected or deleted); returns how many article-locales. */
  async deleteArticlesOfKnowledgeBasesExcept(orgId: string, integrationId: string, keepIds: string[]): Promise<number> {
    return this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM responder.knowledge_chunks WHERE org_id = $1 AND integration_id = $2 AND NOT (kb_id = ANY($3))`, [
        orgId, integrationId, keepIds,
      ]);
      const [, count]: [unknown, number] = await manager.query(
        `DELETE FROM responder.knowledge_articles WHERE org_id = $1 AND integration_id = $2 AND NOT (kb_id = ANY($3))`,
        [orgId, integrationId, keepIds],
      );
      return count;
    });
  }

  /** Article-locale versions of a knowledge base: `articleId` → `locale` → version. */
  async findArticleVersions(orgId: string, integrationId: string, kbId: string): Promise<Map<string, Map<string, ArticleVersion>>> {
    const rows: Array<{ article_id: string; locale: string; front_updated_at: number; content_hash: string }> = await this.db.query(
      `SELECT article_id, locale, front_updated_at, content_hash FROM responder.knowledge_articles
       WHERE org_id = $1 AND integration_id = $2 AND kb_id = $3`,
      [orgId, integrationId, kbId],
    );
    const versions = new Map<string, Map<string, ArticleVersion>>();
    for (const row of rows) {
      const locales = versions.get(row.article_id) ?? new Map<string, ArticleVersion>();
      locales.set(row.locale, { frontUpdatedAt: Number(row.front_updated_at), contentHash: row.content_hash });
      versions.set(row.article_id, locales);
    }
    return versions;
  }

  /** Replaces an article-locale and its chunks in one transaction. */
  async saveArticle(orgId: string, integrationId: string, article: IndexedArticle): Promise<void> {
    if (!TEXT_SEARCH_CONFIGS.has(article.textSearchConfig)) throw new Error(`unknown text search config ${article.textSearchConfig}`);
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO responder.knowledge_articles (org_id, integration_id, kb_id, article_id, locale, title, url, status, visibility,
           category, front_updated_at, content_hash, synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
         ON CONFLICT (org_id, integration_id, article_id, locale) DO UPDATE SET kb_id = EXCLUDED.kb_id, title = EXCLUDED.title,
           url = EXCLUDED.url, status = EXCLUDED.status, visibility = EXCLUDED.visibility, category = EXCLUDED.category,
           front_updated_at = EXCLUDED.front_updated_at, content_hash = EXCLUDED.content_hash, synced_at = now()`,
        [orgId, integrationId, article.kbId, article.articleId, article.locale, article.title, article.url, article.status,
          article.visibility, article.category, article.frontUpdatedAt, article.contentHash],
      );
      await manager.query(
        `DELETE FROM responder.knowledge_chunks WHERE org_id = $1 AND integration_id = $2 AND article_id = $3 AND locale = $4`,
        [orgId, integrationId, article.articleId, article.locale],
      );
      await manager.query(
        `INSERT INTO responder.knowledge_chunks (org_id, integration_id, kb_id, article_id, locale, chunk_index, title, url,
           visibility, lang_config, body, tsv, title_tsv)
         SELECT $1, $2, $3, $4, $5, t.idx, $6, $7, $8, $9::regconfig, t.body,
           setweight(to_tsvector($9::regconfig, public.unaccent($6)), 'A')
           || setweight(to_tsvector($9::regconfig, public.unaccent($10)), 'B')
           || setweight(to_tsvector($9::regconfig, public.unaccent(t.body)), 'C'),
           to_tsvector($9::regconfig, public.unaccent($6 || ' ' || $10))
         FROM unnest($11::text[]) WITH ORDINALITY AS t(body, idx)`,
        [orgId, integrationId, article.kbId, article.articleId, article.locale, article.title, article.url, article.visibility,
          article.textSearchConfig, [article.category ?? '', ...article.keywords].join(' '), article.chunks],
      );
    });
  }

  /** Only touches the Front timestamp of an article whose indexed content did not change. */
  async markArticleSeen(orgId: string, integrationId: string, articleId: string, locale: string, frontUpdatedAt: number): Promise<void> {
    await this.db.query(
      `UPDATE responder.knowledge_articles SET front_updated_at = $5, synced_at = now()
       WHERE org_id = $1 AND integration_id = $2 AND article_id = $3 AND locale = $4`,
      [orgId, integrationId, articleId, locale, frontUpdatedAt],
    );
  }

  /** Removes article-locales (deleted in Front, or a locale that went away). */
  async deleteArticleLocales(orgId: string, integrationId: string, items: Array<{ articleId: string; locale: string }>): Promise<void> {
    if (items.length === 0) return;
    const ids = items.map((item) => item.articleId);
    const locales = items.map((item) => item.locale);
    await this.db.transaction(async (manager) => {
      for (const table of ['knowledge_chunks', 'knowledge_articles']) {
        await manager.query(
          `DELETE FROM responder.${table} t USING unnest($3::text[], $4::text[]) AS d(article_id, locale)
           WHERE t.org_id = $1 AND t.integration_id = $2 AND t.article_id = d.article_id AND t.locale = d.locale`,
          [orgId, integrationId, ids, locales],
        );
      }
    });
  }

  /** Recounts, per language, how many chunks hold each lexeme (ts_stat); the total is stored under the empty lexeme. */
  async refreshTermStatistics(orgId: string, integrationId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM responder.knowledge_terms WHERE org_id = $1 AND integration_id = $2`, [orgId, integrationId]);
      const configs: Array<{ config: string; chunks: string }> = await manager.query(
        `SELECT lang_config::text AS config, count(*) AS chunks FROM responder.knowledge_chunks
         WHERE org_id = $1 AND integration_id = $2 GROUP BY lang_config`,
        [orgId, integrationId],
      );
      for (const { config, chunks } of configs) {
        await manager.query(
          `INSERT INTO responder.knowledge_terms (org_id, integration_id, lang_config, lexeme, chunks)
           SELECT $1::text, $2::text, $3::text, word, ndoc FROM ts_stat(format(
             'SELECT tsv FROM responder.knowledge_chunks WHERE org_id = %L AND integration_id = %L AND lang_config = %L::regconfig',
             $1::text, $2::text, $3::text))
           UNION ALL SELECT $1::text, $2::text, $3::text, '', $4::int`,
          [orgId, integrationId, config, Number(chunks)],
        );
      }
    });
  }

  async listKnowledgeBases(orgId: string, integrationId: string): Promise<StoredKnowledgeBase[]> {
    const rows: Array<{ kb_id: string; name: string; type: 'internal' | 'external'; locales: string[]; selected: boolean; article_count: string }> =
      await this.db.query(
        `SELECT kb.kb_id, kb.name, kb.type, kb.locales, kb.selected,
           (SELECT count(DISTINCT a.article_id) FROM responder.knowledge_articles a
            WHERE a.org_id = kb.org_id AND a.integration_id = kb.integration_id AND a.kb_id = kb.kb_id) AS article_count
         FROM responder.knowledge_bases kb WHERE kb.org_id = $1 AND kb.integration_id = $2 ORDER BY kb.name`,
        [orgId, integrationId],
      );
    return rows.map((row) => ({
      id: row.kb_id, name: row.name, type: row.type, locales: row.locales, selected: row.selected, articleCount: Number(row.article_count),
    }));
  }
}
