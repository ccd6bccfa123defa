import type { KnowledgeArticle, KnowledgeBase, KnowledgeCategory, KnowledgeLocale } from '../state/types';
import type { Json, RenderContext } from './render-context';

/** KnowledgeBaseSlimResponse (list and GET /knowledge_bases/{id}). */
export function renderKnowledgeBaseSlim(ctx: RenderContext, kb: KnowledgeBase): Json {
  return {
    _links: knowledgeBaseLinks(ctx, kb.id),
    id: kb.id,
    type: kb.type,
    locales: kb.locales,
    created_at: kb.createdAt,
    updated_at: kb.updatedAt,
  };
}

/** KnowledgeBaseResponse (…/content and …/locales/{locale}/content). */
export function renderKnowledgeBase(ctx: RenderContext, kb: KnowledgeBase, locale: KnowledgeLocale): Json {
  return {
    _links: knowledgeBaseLinks(ctx, kb.id),
    id: kb.id,
    name: kb.names[locale] ?? '',
    status: kb.status,
    type: kb.type,
    locale,
    created_at: kb.createdAt,
    updated_at: kb.updatedAt,
  };
}

function knowledgeBaseLinks(ctx: RenderContext, id: string): Json {
  return {
    self: ctx.url(`/knowledge_bases/${id}`),
    related: { articles: ctx.url(`/knowledge_bases/${id}/articles`), categories: ctx.url(`/knowledge_bases/${id}/categories`) },
  };
}

/** KnowledgeBaseArticleSlimResponse: no name, no content. */
export function renderArticleSlim(ctx: RenderContext, article: KnowledgeArticle): Json {
  return {
    _links: {
      self: ctx.url(`/knowledge_base_articles/${article.id}`),
      related: {
        knowledge_base: ctx.url(`/knowledge_bases/${article.knowledgeBaseId}`),
        category: article.categoryId ? ctx.url(`/knowledge_base_categories/${article.categoryId}`) : null,
        content: ctx.url(`/knowledge_base_articles/${article.id}/content`),
      },
    },
    id: article.id,
    slug: article.slug,
    locales: Object.keys(article.content),
    created_at: article.createdAt,
    updated_at: article.updatedAt,
  };
}

/** KnowledgeBaseArticleResponse: name, status and HTML content in one locale. */
export function renderArticle(ctx: RenderContext, article: KnowledgeArticle, locale: KnowledgeLocale): Json {
  const content = article.content[locale];
  return {
    _links: {
      self: ctx.url(`/knowledge_base_articles/${article.id}`),
      related: {
        knowledge_base: ctx.url(`/knowledge_bases/${article.knowledgeBaseId}`),
        ...(article.categoryId ? { category: ctx.url(`/knowledge_base_categories/${article.categoryId}`) } : {}),
        last_editor: ctx.url(`/teammates/${article.lastEditorId}`),
      },
    },
    id: article.id,
    slug: article.slug,
    name: content?.name ?? '',
    status: content?.status ?? 'draft',
    keywords: article.keywords,
    content: content?.html ?? '',
    locale,
    attachments: [],
    last_edited_at: article.updatedAt,
    created_at: article.createdAt,
    updated_at: article.updatedAt,
  };
}

/** KnowledgeBaseCategorySlimResponse. */
export function renderCategorySlim(ctx: RenderContext, category: KnowledgeCategory): Json {
  return {
    _links: categoryLinks(ctx, category),
    id: category.id,
    slug: category.slug,
    is_hidden: category.isHidden,
    locales: Object.keys(category.content),
    created_at: category.createdAt,
    updated_at: category.updatedAt,
  };
}

/** KnowledgeBaseCategoryResponse. */
export function renderCategory(ctx: RenderContext, category: KnowledgeCategory, locale: KnowledgeLocale): Json {
  const content = category.content[locale];
  return {
    _links: categoryLinks(ctx, category),
    id: category.id,
    name: content?.name ?? null,
    description: content?.description ?? null,
    is_hidden: category.isHidden,
    locale,
    created_at: category.createdAt,
    updated_at: category.updatedAt,
  };
}

function categoryLinks(ctx: RenderContext, category: KnowledgeCategory): Json {
  return {
    self: ctx.url(`/knowledge_base_categories/${category.id}`),
    related: {
      knowledge_base: ctx.url(`/knowledge_bases/${category.knowledgeBaseId}`),
      parent_category: category.parentId ? ctx.url(`/knowledge_base_categories/${category.parentId}`) : null,
      articles: ctx.url(`/knowledge_base_categories/${category.id}/articles`),
    },
  };
}
