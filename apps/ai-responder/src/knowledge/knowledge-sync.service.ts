import { Injectable, Logger } from '@nestjs/common';
import type { FrontClient, FrontKnowledgeBaseArticleSlim, FrontKnowledgeBaseSlim } from '@front-agent/front-client';
import { ResponderConfig } from '../config';
import { FrontAccessService } from '../front/front-access.service';
import { IntegrationStateRepository } from '../integrations/integration-state.repository';
import { textSearchConfigFor } from '../retrieval/text-search-config';
import { articleHtmlToText, articleUrl, articleVisibility, chunkArticleText, contentHash } from './article-text';
import { KnowledgeRepository, type ArticleVersion } from './knowledge.repository';
import type { SyncRun } from './knowledge-sync-runs.repository';

/** Counts a sync reports. */
export interface SyncResult extends Record<string, number> {
  knowledgeBases: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  chunks: number;
}

type Progress = (done: number, total: number) => Promise<void>;

/** Background priority (replies go first), abortable on shutdown. */
type CallOptions = { priority: 'background'; signal?: AbortSignal };

/** Categories of one knowledge base, read only when an article of it has to be fetched. */
type CategoryLookup = () => Promise<Map<string, { name: string | null; hidden: boolean }>>;

/**
 * Brings the index of one integration in line with Front: the selected
 * knowledge bases, their articles in every locale (only what changed since the
 * last sync, by updated_at), and nothing of deselected or deleted ones. Every
 * Front call uses background priority so replies go first.
 */
@Injectable()
export class KnowledgeSyncService {
  private readonly logger = new Logger(KnowledgeSyncService.name);

  constructor(
    private readonly front: FrontAccessService,
    private readonly integrations: IntegrationStateRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly config: ResponderConfig,
  ) {}

  async syncKnowledge(run: SyncRun, progress: Progress, signal?: AbortSignal): Promise<SyncResult> {
    const BACKGROUND: CallOptions = { priority: 'background', signal };
    const { orgId, integrationId } = run;
    const { client } = await this.front.accessFor(orgId, integrationId);
    const integration = await this.integrations.findIntegration(orgId, integrationId);
    const selection = run.knowledgeBaseIds ?? integration?.controls.selectedKnowledgeBaseIds ?? null;
    const since = run.since ? run.since.getTime() / 1000 : null;
    const result: SyncResult = { knowledgeBases: 0, added: 0, updated: 0, removed: 0, unchanged: 0, chunks: 0 };

    const knowledgeBases = await client.listKnowledgeBases(BACKGROUND);
    await this.knowledge.deleteKnowledgeBasesExcept(orgId, integrationId, knowledgeBases.map((kb) => kb.id));
    const selected = knowledgeBases.filter((kb) => selection === null || selection.includes(kb.id));
    const known = await this.knowledge.findKnowledgeBaseNames(orgId, integrationId);
    for (const kb of knowledgeBases) {
      const frontUpdatedAt = Number(kb.updated_at ?? 0);
      const stored = known.get(kb.id);
      const name =
        stored && stored.frontUpdatedAt >= frontUpdatedAt
          ? stored.name
          : ((await client.getKnowledgeBaseContent(kb.id, undefined, BACKGROUND)).name ?? kb.id);
      await this.knowledge.saveKnowledgeBase(orgId, integrationId, {
        id: kb.id, name, type: kb.type === 'internal' ? 'internal' : 'external', locales: kb.locales ?? [], selected: selected.includes(kb),
        frontUpdatedAt,
      });
    }
    result.removed += await this.knowledge.deleteArticlesOfKnowledgeBasesExcept(orgId, integrationId, selected.map((kb) => kb.id));

    const listed = await Promise.all(selected.map(async (kb) => ({ kb, articles: await client.listKnowledgeBaseArticles(kb.id, BACKGROUND) })));
    const total = listed.reduce((sum, entry) => sum + entry.articles.length, 0);
    let done = 0;
    await progress(done, total);
    for (const { kb, articles } of listed) {
      result.knowledgeBases += 1;
      let categories: ReturnType<CategoryLookup> | undefined;
      const lookupCategories: CategoryLookup = () => (categories ??= this.categoriesOf(client, kb.id, BACKGROUND));
      const stored = await this.knowledge.findArticleVersions(orgId, integrationId, kb.id);
      const gone: Array<{ articleId: string; locale: string }> = [];
      const listedIds = new Set(articles.map((article) => article.id));
      for (const [articleId, locales] of stored) {
        if (!listedIds.has(articleId)) for (const locale of locales.keys()) gone.push({ articleId, locale });
      }
      for (const article of articles) {
        const counts = await this.syncArticle(
          { client, orgId, integrationId, kb, since, lookupCategories, gone, options: BACKGROUND },
          article,
          stored.get(article.id),
        );
        result.added += counts.added;
        result.updated += counts.updated;
        result.unchanged += counts.unchanged;
        result.chunks += counts.chunks;
        done += 1;
        if (done % 10 === 0 || done === total) await progress(done, total);
      }
      await this.knowledge.deleteArticleLocales(orgId, integrationId, gone);
      result.removed += gone.length;
    }
    if (result.added + result.updated + result.removed > 0) await this.knowledge.refreshTermStatistics(orgId, integrationId);
    this.logger.log({ msg: 'knowledge synced', orgId, integrationId, runId: run.id, ...result });
    return result;
  }

  private async syncArticle(
    context: ArticleSyncContext,
    article: FrontKnowledgeBaseArticleSlim,
    stored: Map<string, ArticleVersion> | undefined,
  ): Promise<{ added: number; updated: number; unchanged: number; chunks: number }> {
    const { client, orgId, integrationId, kb, since, gone, options } = context;
    const counts = { added: 0, updated: 0, unchanged: 0, chunks: 0 };
    const locales = article.locales?.length ? article.locales : (kb.locales ?? ['en']);
    const updatedAt = Number(article.updated_at ?? 0);
    for (const locale of stored?.keys() ?? []) if (!locales.includes(locale)) gone.push({ articleId: article.id, locale });
    for (const locale of locales) {
      const known = stored?.get(locale);
      // With a start date, older articles are left as they are (indexed or not).
      const before = since !== null && updatedAt < since;
      if (before || (known && known.frontUpdatedAt >= updatedAt)) {
        if (known) counts.unchanged += 1;
        continue;
      }
      const full = await client.getArticleContent(article.id, locale, options);
      const title = full.name || article.slug || article.id;
      const text = articleHtmlToText(full.content ?? '');
      const categoryId = categoryIdOf(full);
      const category = categoryId ? (await context.lookupCategories()).get(categoryId) : undefined;
      const status = full.status ?? 'draft';
      const visibility = articleVisibility({ kbType: kb.type ?? 'internal', status, categoryHidden: category?.hidden ?? false });
      const hash = contentHash([title, text, status, visibility, category?.name, ...(full.keywords ?? [])]);
      if (known && known.contentHash === hash) {
        await this.knowledge.markArticleSeen(orgId, integrationId, article.id, locale, updatedAt);
        counts.unchanged += 1;
        continue;
      }
      const chunks = chunkArticleText(title, text);
      await this.knowledge.saveArticle(orgId, integrationId, {
        kbId: kb.id, articleId: article.id, locale, title, status, visibility, chunks,
        url: articleUrl({ baseUrl: this.config.HELP_CENTER_BASE_URL, kbId: kb.id, locale, slug: full.slug ?? article.slug ?? '', articleId: article.id }),
        category: category?.name ?? null, keywords: full.keywords ?? [], frontUpdatedAt: updatedAt, contentHash: hash,
        textSearchConfig: textSearchConfigFor(locale),
      });
      counts.chunks += chunks.length;
      if (known) counts.updated += 1;
      else counts.added += 1;
    }
    return counts;
  }

  /** Category names (default locale) and whether each is hidden from the help center. */
  private async categoriesOf(client: FrontClient, kbId: string, options: CallOptions): Promise<Map<string, { name: string | null; hidden: boolean }>> {
    const categories = await client.listKnowledgeBaseCategories(kbId, options);
    const named = await Promise.all(
      categories.map(async (category) => {
        const content = await client.getCategoryContent(category.id, undefined, options).catch(() => undefined);
        return [category.id, { name: content?.name ?? null, hidden: category.is_hidden === true }] as const;
      }),
    );
    return new Map(named);
  }
}

interface ArticleSyncContext {
  client: FrontClient;
  orgId: string;
  integrationId: string;
  kb: FrontKnowledgeBaseSlim;
  since: number | null;
  lookupCategories: CategoryLookup;
  gone: Array<{ articleId: string; locale: string }>;
  options: CallOptions;
}

/** The category id from an article's `_links.related.category` URL. */
function categoryIdOf(article: { _links?: unknown }): string | undefined {
  const related = (article._links as { related?: { category?: string | null } } | undefined)?.related;
  return related?.category?.split('/').pop() ?? undefined;
}
