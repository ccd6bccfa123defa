import type { Channel } from '@front-agent/contracts';

/** An answer before channel formatting: paragraphs of plain text and the articles it cites. */
export interface DraftAnswer {
  paragraphs: string[];
  sources: Array<{ title: string; url: string }>;
}

/** What Front receives: `body` (HTML for email, plain text elsewhere) and its plain-text form. */
export interface FormattedReply {
  body: string;
  text: string;
}

/** SMS replies are sent as one message of at most this many characters (never split). */
export const SMS_MAX_CHARS = 320;
const CHAT_MAX_CHARS = 700;

/**
 * Email: HTML with a greeting, paragraphs and linked sources. Chat, SMS and
 * WhatsApp: short plain text with the link; SMS cut at a sentence to fit 320
 * characters with the link.
 */
export function formatReply(channel: Channel, answer: DraftAnswer, customerName?: string): FormattedReply {
  if (channel === 'email') return formatEmail(answer, customerName);
  const limit = channel === 'sms' ? SMS_MAX_CHARS : CHAT_MAX_CHARS;
  const link = answer.sources[0]?.url;
  const suffix = link ? `\n${link}` : '';
  const text = fitSentences(answer.paragraphs.join(' '), limit - suffix.length) + suffix;
  return { body: text, text };
}

function formatEmail(answer: DraftAnswer, customerName?: string): FormattedReply {
  const greeting = customerName ? `Hi ${customerName},` : 'Hi there,';
  const sources = answer.sources.map((source) => `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>`);
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...answer.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    ...(sources.length > 0 ? [`<p>More details: ${sources.join(', ')}</p>`] : []),
  ].join('');
  const text = [greeting, ...answer.paragraphs, ...answer.sources.map((source) => `More details: ${source.title} ${source.url}`)].join('\n\n');
  return { body: html, text };
}

/** The longest run of whole sentences within `limit` characters (a hard cut with an ellipsis if one sentence is too long). */
export function fitSentences(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return clean;
  const sentences = clean.match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? [clean];
  let result = '';
  for (const sentence of sentences) {
    if ((result + sentence).trim().length > limit) break;
    result += sentence;
  }
  result = result.trim();
  return result || `${clean.slice(0, Math.max(0, limit - 1)).trimEnd()}…`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
