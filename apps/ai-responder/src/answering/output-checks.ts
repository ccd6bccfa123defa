import type { Channel } from '@front-agent/contracts';
import { SMS_MAX_CHARS, type FormattedReply } from './reply-format';

/** The checks every reply or draft passes before it can reach a customer. */
export type OutputCheck = 'empty' | 'internal_text' | 'link' | 'length' | 'format' | 'template_syntax';

export interface OutputCheckInput {
  channel: Channel;
  /** The answer as the responder wrote it, before channel formatting (the model's text). */
  written: string;
  /** What Front would receive. */
  reply: FormattedReply;
  /** The public article URLs the answer cites. */
  citedUrls: string[];
  /** Domains the admin allows links to. */
  allowedDomains: string[];
  /** Texts the customer must never see: internal articles and unpublished drafts. */
  internalTexts: string[];
  /** Public passages: a phrase also published there is not a leak. */
  publicTexts: string[];
}

export interface OutputCheckFailure {
  check: OutputCheck;
  detail: string;
}

/** Longest answer, before formatting, we accept per channel; SMS is one message, never split. */
const MAX_WRITTEN_CHARS: Record<Channel, number> = { sms: SMS_MAX_CHARS, web: 1_200, whatsapp: 1_200, voice: 800, email: 6_000 };
const PLAIN_TEXT_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['web', 'sms', 'whatsapp', 'voice']);
/** Consecutive words shared with an internal text that count as copying it. */
const LEAK_WORDS = 7;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'()]+|\bwww\.[^\s<>"'()]+/gi;
const TEMPLATE_PATTERNS: Array<[RegExp, string]> = [
  [/\{\{|\}\}|\{%|%\}|\$\{[^}]*\}/, 'template placeholder'],
  [/<\/?(tool_call|tool|function_call|function|invoke|parameter)\b|<\|[a-z_]+\|>/i, 'tool markup'],
  [/"(name|function|arguments|tool_calls?)"\s*:/, 'tool call JSON'],
  [/\b(handoff|restricted_topic)\s*\(/i, 'tool call'],
  [/\[(customer|first|agent|company|insert|your)[ _]?(name|here|text)?[^\]]{0,20}\]/i, 'placeholder in brackets'],
  [/```/, 'code fence'],
];
const HTML_TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i;
const MARKDOWN = /\*\*[^*]+\*\*|^#{1,6}\s|\[[^\]]+\]\([^)]+\)/m;

/** The first check the answer fails, or null when it may be posted. */
export function firstFailedOutputCheck(input: OutputCheckInput): OutputCheckFailure | null {
  const checks: Array<() => OutputCheckFailure | null> = [
    () => checkNotEmpty(input),
    () => checkTemplateSyntax(input),
    () => checkLinks(input),
    () => checkLength(input),
    () => checkFormat(input),
    () => checkNoInternalText(input),
  ];
  for (const check of checks) {
    const failure = check();
    if (failure) return failure;
  }
  return null;
}

function checkNotEmpty(input: OutputCheckInput): OutputCheckFailure | null {
  const words = input.written.replace(URL_PATTERN, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length < 2 ? { check: 'empty', detail: 'the answer has no text besides links' } : null;
}

function checkTemplateSyntax(input: OutputCheckInput): OutputCheckFailure | null {
  const found = TEMPLATE_PATTERNS.find(([pattern]) => pattern.test(input.written));
  return found ? { check: 'template_syntax', detail: `leftover ${found[1]}` } : null;
}

function checkLinks(input: OutputCheckInput): OutputCheckFailure | null {
  const cited = new Set(input.citedUrls.map(normalizeUrl));
  const links = [...`${input.written}\n${input.reply.text}`.matchAll(URL_PATTERN)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
  const foreign = links.find((link) => !cited.has(normalizeUrl(link)) && !domainAllowed(link, input.allowedDomains));
  return foreign ? { check: 'link', detail: `link to ${hostOf(foreign) ?? foreign} is neither a cited article nor an allowed domain` } : null;
}

function checkLength(input: OutputCheckInput): OutputCheckFailure | null {
  const limit = MAX_WRITTEN_CHARS[input.channel];
  const written = input.written.replace(URL_PATTERN, '').trim().length;
  if (written > limit) return { check: 'length', detail: `${written} characters for ${input.channel} (at most ${limit})` };
  if (input.channel === 'sms' && input.reply.text.length > SMS_MAX_CHARS) {
    return { check: 'length', detail: `${input.reply.text.length} characters for sms (at most ${SMS_MAX_CHARS})` };
  }
  return null;
}

function checkFormat(input: OutputCheckInput): OutputCheckFailure | null {
  if (!PLAIN_TEXT_CHANNELS.has(input.channel)) return null;
  if (HTML_TAG.test(input.written) || HTML_TAG.test(input.reply.body)) return { check: 'format', detail: `HTML on ${input.channel}, which is plain text` };
  if (MARKDOWN.test(input.written)) return { check: 'format', detail: `markdown on ${input.channel}, which is plain text` };
  return null;
}

function checkNoInternalText(input: OutputCheckInput): OutputCheckFailure | null {
  const answer = ` ${words(input.written).join(' ')} `;
  const published = ` ${input.publicTexts.map((text) => words(text).join(' ')).join(' | ')} `;
  for (const internal of input.internalTexts) {
    const tokens = words(internal);
    for (let start = 0; start + LEAK_WORDS <= tokens.length; start += 1) {
      const phrase = ` ${tokens.slice(start, start + LEAK_WORDS).join(' ')} `;
      if (answer.includes(phrase) && !published.includes(phrase)) return { check: 'internal_text', detail: `copies internal knowledge: "${phrase.trim()}"` };
    }
  }
  return null;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}$]+/gu) ?? [];
}

function normalizeUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

function hostOf(url: string): string | null {
  try {
    return new URL(url.startsWith('www.') ? `https://${url}` : url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function domainAllowed(url: string, domains: string[]): boolean {
  const host = hostOf(url);
  return host !== null && domains.some((domain) => host === domain.toLowerCase() || host.endsWith(`.${domain.toLowerCase()}`));
}
