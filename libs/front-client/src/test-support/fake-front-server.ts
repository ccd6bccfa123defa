import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny programmable stand-in for Front over real HTTP, for this library's own integration specs.

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/conversations/cnv_1/messages`. */
  path: string;
  /** Query pairs in order, repeated keys kept. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** How the fake answers; `hangUp` closes the socket without an answer, `delayMs` waits first. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hangUp?: boolean;
}

export type FakeHandler = (request: RecordedRequest, fake: FakeFront) => FakeReply | Promise<FakeReply>;

/** A running fake: `url` is its base URL (127.0.0.1), `altUrl` the same server named `localhost`. */
export interface FakeFront {
  url: string;
  altUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeFront(handler: FakeHandler): Promise<FakeFront> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const self: { fake?: FakeFront } = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, self.fake as FakeFront)).then(async (reply) => {
        if (reply.delayMs) await wait(reply.delayMs);
        if (reply.hangUp) return void req.socket.destroy();
        const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
        const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers };
        if (!res.destroyed) res.writeHead(reply.status ?? 200, headers).end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeFront = {
    url: `http://127.0.0.1:${port}`,
    altUrl: `http://localhost:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  self.fake = fake;
  return fake;
}

/** A Front list body. */
export function list<T>(results: T[], next: string | null = null): { _results: T[]; _pagination: { next: string | null } } {
  return { _results: results, _pagination: { next } };
}

/** A Front error body. */
export function frontError(status: number, title: string, message: string): { _error: { status: number; title: string; message: string } } {
  return { _error: { status, title, message } };
}

/**
 * A handler answering `METHOD /path` from a script: each request takes the next reply in its list, and the
 * last reply repeats. Unscripted routes answer 404 with Front's error body.
 */
export function scripted(script: Record<string, FakeReply[]>): FakeHandler {
  const used = new Map<string, number>();
  return (request) => {
    const key = `${request.method} ${request.path}`;
    const replies = script[key];
    if (!replies || replies.length === 0) return { status: 404, body: frontError(404, 'Not found', `No route ${key}`) };
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    return replies[Math.min(index, replies.length - 1)];
  };
}
