import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WebhookIntakeService, type WebhookAnswer } from './webhook-intake.service';
import { WebhookStats } from './webhook-stats.service';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const ROUTE_PREFIX = '/webhooks/front/';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * `POST /webhooks/front/:webhookKey`, served straight from node:http ahead of
 * Fastify: Fastify's and Nest's per-request hooks cost more than this hot path
 * may spend. Every other request (health, metrics, other paths and methods)
 * goes to Fastify as before. The body stays raw bytes so signatures are
 * checked on exactly what Front sent.
 */
export function registerWebhookRoute(app: NestFastifyApplication, bodyLimit: number): void {
  const server = app.getHttpServer() as Server;
  const intake = app.get(WebhookIntakeService);
  const stats = app.get(WebhookStats);
  const fastifyListeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const webhookKey = request.method === 'POST' ? webhookKeyOf(request.url) : undefined;
    if (webhookKey === undefined) {
      for (const listener of fastifyListeners) listener.call(server, request, response);
      return;
    }
    receiveWebhook({ intake, stats, bodyLimit }, webhookKey, request, response);
  });
}

interface RouteContext {
  intake: WebhookIntakeService;
  stats: WebhookStats;
  bodyLimit: number;
}

function receiveWebhook(context: RouteContext, webhookKey: string, request: IncomingMessage, response: ServerResponse): void {
  if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) {
    context.stats.rejected(undefined, 'unsupported_media_type', false);
    return send(response, { status: 415, body: { error: { code: 'unsupported_media_type', message: 'send application/json' } } });
  }
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > context.bodyLimit) return tooLarge(context, response);

  const chunks: Buffer[] = [];
  let received = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    if (refused) return;
    received += chunk.length;
    if (received > context.bodyLimit) {
      refused = true;
      tooLarge(context, response);
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', () => response.destroy());
  request.on('end', () => {
    if (refused) return;
    const rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
    context.intake.receive({ webhookKey, headers: request.headers, rawBody }).then(
      (answer) => send(response, answer),
      () => send(response, { status: 500, body: { error: { code: 'internal_error', message: 'internal_error' } } }),
    );
  });
}

function tooLarge(context: RouteContext, response: ServerResponse): void {
  context.stats.rejected(undefined, 'payload_too_large', false);
  // The rest of the body is not worth reading: answer, then close the connection.
  response.setHeader('connection', 'close');
  send(response, { status: 413, body: { error: { code: 'payload_too_large', message: `the body exceeds ${context.bodyLimit} bytes` } } });
}

function send(response: ServerResponse, answer: WebhookAnswer): void {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** The key of `/webhooks/front/:webhookKey` (query string ignored), or undefined for any other path. */
export function webhookKeyOf(url: string | undefined): string | undefined {
  if (!url?.startsWith(ROUTE_PREFIX)) return undefined;
  const queryAt = url.indexOf('?');
  const key = url.slice(ROUTE_PREFIX.length, queryAt === -1 ? undefined : queryAt);
  if (key.length === 0 || key.includes('/')) return undefined;
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}
