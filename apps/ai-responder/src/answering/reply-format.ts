import type { Channel } from '@front-agent/contracts';
import { replyPhrases } from './reply-phrases';

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
/** The team's wording (from guidance) and the language the reply is written in. */
export interface ReplyStyle {
  greeting?: string;
  signOff?: string;
  language?: string | null;
}

export function formatReply(channel: Channel, answer: DraftAnswer, customerName?: string, style: ReplyStyle = {}): FormattedReply {
  if (channel === 'email') return formatEmail(answer, customerName, style);
  if (style.greeting || style.signOff) answer = { ...answer, paragraphs: [style.greeting ?? '', ...answer.paragraphs, style.signOff ?? ''].filter(Boolean) };
  const limit = channel === 'sms' ? SMS_MAX_CHARS : CHAT_MAX_CHARS;
  const link = answer.sources[0]?.url;
  const suffix = link ? `\n${link}` : '';
  const text = fitSentences(answer.paragraphs.join(' '), limit - suffix.length) + suffix;
  return { body: text, text };
}

function formatEmail(answer: DraftAnswer, customerName: string | undefined, style: ReplyStyle): FormattedReply {
  const phrases = replyPhrases(style.language);
  const greeting = style.greeting ?? (customerName ? phrases.greetingNamed(customerName) : phrases.greeting);
  const signOff = style.signOff ? [style.signOff] : [];
  const sources = answer.sources.map((source) => `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>`);
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...answer.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    ...(sources.length > 0 ? [`<p>${phrases.moreDetails}: ${sources.join(', ')}</p>`] : []),
    ...signOff.map((line) => `<p>${escapeHtml(line).replace(/\n/g, '<br>')}</p>`),
  ].join('');
  const text = [
    greeting, ...answer.paragraphs, ...answer.sources.map((source) => `${phrases.moreDetails}: ${source.title} ${source.url}`), ...signOff,
  ].join('\n\n');
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
