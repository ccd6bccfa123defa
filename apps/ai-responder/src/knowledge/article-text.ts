import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

/** Article HTML as clean text: headings kept as lines, lists as dashes, links without their targets, no images. */
export function articleHtmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      ...HEADINGS,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Target size of a chunk: a few paragraphs, small enough to rank precisely and to quote. */
export const CHUNK_TARGET_CHARS = 900;

/**
 * Splits article text into chunks of about CHUNK_TARGET_CHARS on paragraph
 * boundaries (sentences when a paragraph is too long). The title is dropped
 * from the start of the text: it is indexed on its own, with more weight.
 */
export function chunkArticleText(title: string, text: string, target = CHUNK_TARGET_CHARS): string[] {
  const body = text.startsWith(title) ? text.slice(title.length).trim() : text;
  const pieces = body
    .split(/\n\s*\n/)
    .flatMap((paragraph) => (paragraph.length <= target ? [paragraph] : (paragraph.match(/[^.!?]+[.!?]*\s*/g) ?? [paragraph])))
    .map((piece) => piece.trim())
    .filter(Boolean);
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + piece.length + 2 > target) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks.length > 0 ? chunks : [title];
}

/** Whether customers may see an article: only published articles of external knowledge bases in visible categories. */
export function articleVisibility(input: { kbType: string; status: string; categoryHidden: boolean }): 'public' | 'internal' {
  return input.kbType === 'external' && input.status === 'published' && !input.categoryHidden ? 'public' : 'internal';
}

/**
 * The public link of an article. Front's API returns only API links, so the
 * help-center URL is built: `<base>/<locale><slug>`, base from
 * HELP_CENTER_BASE_URL (`{kb}` becomes the knowledge base id) or
 * `https://<kb id>.help.frontapp.com`.
 */
export function articleUrl(input: { baseUrl?: string; kbId: string; locale: string; slug: string; articleId: string }): string {
  const base = (input.baseUrl ?? 'https://{kb}.help.frontapp.com').replace('{kb}', input.kbId).replace(/\/+$/, '');
  const slug = input.slug ? (input.slug.startsWith('/') ? input.slug : `/${input.slug}`) : `/articles/${input.articleId}`;
  return `${base}/${input.locale}${slug}`;
}

/** Stable hash of what we index, to skip rewriting unchanged articles. */
export function contentHash(parts: Array<string | null | undefined>): string {
  return createHash('sha256').update(parts.map((part) => part ?? '').join('\u0000')).digest('hex').slice(0, 32);
}
