import type { FastifyRequest } from 'fastify';
import { notFound } from '../domain/errors';
import { listParams } from '../http/list-query';
import { paginate, plainList } from '../http/pagination';
import {
  renderArticle,
  renderArticleSlim,
  renderCategory,
  renderCategorySlim,
  renderKnowledgeBase,
  renderKnowledgeBaseSlim,
} from '../render/knowledge';
import type { KnowledgeArticle, KnowledgeBase, KnowledgeCategory, KnowledgeLocale } from '../state/types';
import { param, type RouteDeps, type SandboxRoute } from './route';

/**
 * Knowledge bases as Front serves them: lists and gets are slim (no names, no
 * content); names, status and HTML content come from the …/content routes.
 * Lists include draft articles: readers must check each article's status.
 */
export function knowledgeRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core } = deps;
  const store = () => core.store;
  const ctx = core.render;

  const kbFromPath = (request: FastifyRequest): KnowledgeBase => {
    const id = param(request, 'knowledge_base_id');
    const kb = store().knowledgeBases.get(id);
    if (!kb) throw notFound(`Unknown knowledge base ID ${id}`);
    return kb;
  };
  const articleFromPath = (request: FastifyRequest): KnowledgeArticle => {
    const id = param(request, 'article_id');
    const article = store().articles.get(id);
    if (!article) throw notFound(`Unknown knowledge base article ID ${id}`);
    return article;
  };
  const categoryFromPath = (request: FastifyRequest): KnowledgeCategory => {
    const id = param(request, 'category_id');
    const category = store().categories.get(id);
    if (!category) throw notFound(`Unknown knowledge base category ID ${id}`);
    return category;
  };
  const defaultLocale = (knowledgeBaseId: string): KnowledgeLocale => store().knowledgeBases.get(knowledgeBaseId)?.locales[0] ?? 'en';
  const localeFromPath = (request: FastifyRequest, available: string[]): KnowledgeLocale => {
    const locale = param(request, 'locale');
    if (!available.includes(locale)) throw notFound(`Unknown locale ${locale}`);
    return locale as KnowledgeLocale;
  };
  const articlesPage = (request: FastifyRequest, items: KnowledgeArticle[]) =>
    paginate(request, core.baseUrl, items, (a) => a.id, (a) => renderArticleSlim(ctx, a), listParams(request, { defaultLimit: 50 }));
  const sortedArticles = (filter: (a: KnowledgeArticle) => boolean) =>
    [...store().articles.values()].filter(filter).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));

  return [
    {
      method: 'GET',
      url: '/knowledge_bases',
      operationId: 'list-knowledge-bases',
      handler: (request) => plainList(request, core.baseUrl, [...store().knowledgeBases.values()].map((kb) => renderKnowledgeBaseSlim(ctx, kb))),
    },
    {
      method: 'GET',
      url: '/knowledge_bases/:knowledge_base_id',
      operationId: 'get-a-knowledge-base',
      handler: (request) => renderKnowledgeBaseSlim(ctx, kbFromPath(request)),
    },
    {
      method: 'GET',
      url: '/knowledge_bases/:knowledge_base_id/content',
      operationId: 'get-a-knowledge-base-with-content-in-default-locale',
      handler: (request) => {
        const kb = kbFromPath(request);
        return renderKnowledgeBase(ctx, kb, kb.locales[0]);
      },
    },
    {
      method: 'GET',
      url: '/knowledge_bases/:knowledge_base_id/locales/:locale/content',
      operationId: 'get-a-knowledge-base-with-content-in-specified-locale',
      handler: (request) => {
        const kb = kbFromPath(request);
        return renderKnowledgeBase(ctx, kb, localeFromPath(request, kb.locales));
      },
    },
    {
      method: 'GET',
      url: '/knowledge_bases/:knowledge_base_id/categories',
      operationId: 'list-categories-in-a-knowledge-base',
      handler: (request) => {
        const kb = kbFromPath(request);
        const items = [...store().categories.values()].filter((c) => c.knowledgeBaseId === kb.id);
        const params = listParams(request, { defaultLimit: 50 });
        return paginate(request, core.baseUrl, items, (c) => c.id, (c) => renderCategorySlim(ctx, c), params);
      },
    },
    {
      method: 'GET',
      url: '/knowledge_bases/:knowledge_base_id/articles',
      operationId: 'list-articles-in-a-knowledge-base',
      handler: (request) => {
        const kb = kbFromPath(request);
        return articlesPage(request, sortedArticles((a) => a.knowledgeBaseId === kb.id));
      },
    },
    {
      method: 'GET',
      url: '/knowledge_base_articles/:article_id',
      operationId: 'get-a-knowledge-base-article',
      handler: (request) => renderArticleSlim(ctx, articleFromPath(request)),
    },
    {
      method: 'GET',
      url: '/knowledge_base_articles/:article_id/content',
      operationId: 'get-knowledge-base-article-with-content-in-default-locale',
      handler: (request) => {
        const article = articleFromPath(request);
        const preferred = defaultLocale(article.knowledgeBaseId);
        const locale = article.content[preferred] ? preferred : (Object.keys(article.content)[0] as KnowledgeLocale);
        return renderArticle(ctx, article, locale);
      },
    },
    {
      method: 'GET',
      url: '/knowledge_base_articles/:article_id/locales/:locale/content',
      operationId: 'get-knowledge-base-article-with-content-in-specified-locale',
      handler: (request) => {
        const article = articleFromPath(request);
        return renderArticle(ctx, article, localeFromPath(request, Object.keys(article.content)));
      },
    },
    {
      method: 'GET',
      url: '/knowledge_base_categories/:category_id',
      operationId: 'get-a-knowledge-base-category',
      handler: (request) => renderCategorySlim(ctx, categoryFromPath(request)),
    },
    {
      method: 'GET',
      url: '/knowledge_base_categories/:category_id/content',
      operationId: 'get-knowledge-base-category-content-in-default-locale',
      handler: (request) => {
        const category = categoryFromPath(request);
        return renderCategory(ctx, category, defaultLocale(category.knowledgeBaseId));
      },
    },
    {
      method: 'GET',
      url: '/knowledge_base_categories/:category_id/locales/:locale/content',
      operationId: 'get-knowledge-base-category-with-content-in-specified-locale',
      handler: (request) => {
        const category = categoryFromPath(request);
        return renderCategory(ctx, category, localeFromPath(request, Object.keys(category.content)));
      },
    },
    {
      method: 'GET',
      url: '/knowledge_base_categories/:category_id/articles',
      operationId: 'list-articles-in-a-category',
      handler: (request) => {
        const category = categoryFromPath(request);
        return articlesPage(request, sortedArticles((a) => a.categoryId === category.id));
      },
    },
  ];
}
