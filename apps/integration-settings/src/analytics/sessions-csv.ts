/** The CSV export's columns, in order. */
export const SESSION_CSV_COLUMNS = [
  'id',
  'conversationId',
  'channel',
  'outcome',
  'outcomeReason',
  'handoffReason',
  'silentReason',
  'firstInboundAt',
  'firstAiReplyAt',
  'resolvedAt',
] as const;

type CsvRow = Partial<Record<(typeof SESSION_CSV_COLUMNS)[number], unknown>>;

/** RFC 4180 CSV (quotes doubled, fields with commas, quotes or line breaks quoted), CRLF line ends. */
export function sessionsToCsv(rows: CsvRow[]): string {
  const lines = [SESSION_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(SESSION_CSV_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
