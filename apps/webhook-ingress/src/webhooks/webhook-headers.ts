export type IncomingHeaders = Record<string, string | string[] | undefined>;

/** One header's value (the first when repeated), by lower-case name. */
export function readHeader(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
