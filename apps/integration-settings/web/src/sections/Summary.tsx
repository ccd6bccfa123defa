/** Shows a value of a shape this page does not know in advance, briefly and readably. */
export function Summary({ value }: { value: unknown }) {
  return <span className="summary">{summarize(value)}</span>;
}

export function summarize(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => summarize(item, depth + 1)).join(', ');
  if (typeof value === 'object') {
    if (depth > 1) return JSON.stringify(value);
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${humanize(k)}: ${summarize(v, depth + 1)}`)
      .join(' · ');
  }
  return String(value);
}

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
