/**
 * The floor's Front client: node:http with keep-alive, a bearer token, JSON
 * in and out, a 10 s timeout, and nothing else (no budget, no retries, no
 * merge handling): a failed call is left to the queue's redelivery.
 */
import { Agent, request as httpRequest } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export type FrontCall = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

export function frontApi(baseUrl: string, token: string): FrontCall {
  return <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      const outgoing = httpRequest(`${baseUrl}${path}`, { method, agent, headers, timeout: 10_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(new Error(`${method} ${path}: ${status} ${text.slice(0, 200)}`));
          else resolve((text ? JSON.parse(text) : undefined) as T);
        });
        response.on('error', reject);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path}: timed out`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
}

/** The id of the company tag `name`, created when missing (once, at start: the product caches it too). */
export async function companyTagId(front: FrontCall, name: string): Promise<string> {
  const find = async () => (await front<{ _results: { id: string; name: string }[] }>('GET', '/company/tags?limit=100'))._results.find((tag) => tag.name === name)?.id;
  const existing = await find();
  if (existing) return existing;
  const created = await front<{ id?: string }>('POST', '/company/tags', { name });
  const id = created?.id ?? (await find());
  if (!id) throw new Error(`tag ${name} could not be created`);
  return id;
}
