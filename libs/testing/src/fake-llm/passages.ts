/** A knowledge passage found in a prompt: its text and the URL it came from. */
export interface Passage {
  url: string;
  title: string | null;
  text: string;
}

const URL_PATTERN = /https?:\/\/[^\s"'<>)\]]+/;
const TAGS = 'passage|document|doc|source|article|knowledge|context|snippet|result';
const TAGGED = new RegExp(`<(${TAGS})\\b([^>]*)>([\\s\\S]*?)</\\1>`, 'gi');

/**
 * Knowledge passages in prompt text, in order. Recognised forms:
 *  1. tags: `<passage url="https://…" title="…">text</passage>` (also document, source, article, …;
 *     the URL may be an attribute url/href/source/link or inside the text);
 *  2. JSON (e.g. a tool result): objects with `url` and one of content/text/snippet/body/excerpt;
 *  3. blocks separated by blank lines or `---` that hold a URL and at least 20 characters of other text.
 */
export function findPassages(text: string): Passage[] {
  const tagged = [...text.matchAll(TAGGED)].flatMap((match) => {
    const attributes = match[2];
    const attribute = (name: string) => new RegExp(`${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(attributes)?.[1];
    const url = attribute('url') ?? attribute('href') ?? attribute('source') ?? attribute('link') ?? URL_PATTERN.exec(match[3])?.[0];
    const body = plain(match[3]);
    return url && body ? [{ url, title: attribute('title') ?? null, text: stripUrlLines(body, url) }] : [];
  });
  if (tagged.length > 0) return tagged;
  const fromJson = jsonPassages(text);
  if (fromJson.length > 0) return fromJson;
  return text
    .split(/\n\s*\n|\n-{3,}\n/)
    .flatMap((block) => {
      const url = URL_PATTERN.exec(block)?.[0];
      if (!url) return [];
      const rest = stripUrlLines(plain(block), url);
      return rest.length >= 20 ? [{ url, title: null, text: rest }] : [];
    });
}

/** The first sentences of a passage, up to about maxChars. */
export function leadSentences(text: string, maxChars = 600): string {
  const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? [];
  let answer = '';
  for (const sentence of sentences) {
    if (answer && answer.length + sentence.length > maxChars) break;
    answer += sentence;
  }
  return answer.trim();
}

function jsonPassages(text: string): Passage[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return [];
  }
  const found: Passage[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const body = ['content', 'text', 'snippet', 'body', 'excerpt'].map((key) => record[key]).find((v) => typeof v === 'string');
    if (typeof record.url === 'string' && typeof body === 'string') {
      found.push({ url: record.url, title: typeof record.title === 'string' ? record.title : null, text: plain(body) });
    } else {
      Object.values(record).forEach(visit);
    }
  };
  visit(parsed);
  return found;
}

/** Text without HTML tags and entities. */
function plain(html: string): string {
  return html
    .replace(/<\/(p|li|h[1-6]|div)>/gi, '. ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/([.!?])\s*\./g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Drop lines that only label the URL (`URL: …`, `Source: …`). */
function stripUrlLines(text: string, url: string): string {
  return text
    .split('\n')
    .filter((line) => !(line.includes(url) && line.replace(url, '').replace(/^[\s\W]*(url|source|link|href)?[\s:=-]*/i, '').trim().length < 3))
    .join('\n')
    .replace(/^\s*[.:-]\s*/, '')
    .trim();
}
