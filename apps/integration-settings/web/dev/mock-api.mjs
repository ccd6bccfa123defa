// A throwaway stand-in for the integration-settings API, for working on the page
// without PostgreSQL, RabbitMQ or the Front sandbox. Serves web/dist at `/`.
//   npm run build:web && node apps/integration-settings/web/dev/mock-api.mjs [port]
// Keys: admin-key (admin), member-key (member). Tokens: sandbox-token (valid),
// sandbox-token-revoked, no-api, no-scope, front-down (each a connect error).
// MOCK_KNOWLEDGE=missing makes the knowledge routes 404 like a server without them.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.argv[2] ?? process.env.PORT ?? 5180);
const keys = { 'admin-key': 'admin', 'member-key': 'member' };
const teammates = [
  { id: 'tea_ai', name: 'Ava AI', email: 'ava@acme.test', isAvailable: true, isBlocked: false },
  { id: 'tea_alice', name: 'Alice Martin', email: 'alice@acme.test', isAvailable: true, isBlocked: false },
  { id: 'tea_bob', name: 'Bob Chen', email: 'bob@acme.test', isAvailable: false, isBlocked: false },
  { id: 'tea_blocked', name: 'Carol Blocked', email: 'carol@acme.test', isAvailable: false, isBlocked: true },
];
const connectErrors = {
  'sandbox-token-revoked': ['token_invalid', 'Front refused the token: it was revoked or is wrong.'],
  'no-api': ['api_access_missing', 'the Front plan has no API access'],
  'no-scope': ['token_scope_missing', 'the token lacks a scope front-agent needs: shared resources'],
  'front-down': ['front_unreachable', 'Front did not answer.'],
};
let integration = null;
let sync = { state: 'idle', lastRunAt: null, lastResult: null, progress: null };

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message } });

async function api(req, res, url) {
  const role = keys[/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]];
  if (!role) return fail(res, 401, 'unauthenticated', 'send an API key as "Authorization: Bearer <key>"');
  const change = req.method !== 'GET';
  if (change && role !== 'admin') return fail(res, 403, 'admin_required', 'this change needs an admin key; member keys can only read');
  let body = {};
  if (change) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
  }
  const path = url.pathname;
  await new Promise((r) => setTimeout(r, 150)); // a little latency, to see busy states
  if (path === '/v1/integrations/front/connect' && req.method === 'POST') {
    const error = connectErrors[body.apiToken];
    if (error) return fail(res, 422, error[0], error[1]);
    if (body.apiToken !== 'sandbox-token') return fail(res, 422, 'token_invalid', 'Front refused the token');
    const now = new Date().toISOString();
    integration = {
      id: 'int_1', orgId: 'org_1', connected: true, frontCompany: { id: 'cmp_acme', name: 'Acme Support' },
      aiTeammateId: null, handleUnassigned: false, enabled: true,
      webhookUrl: `http://localhost:${port}/webhooks/front/whk_${Math.random().toString(36).slice(2, 12)}`,
      hasWebhookSecret: false, hasRuleWebhookSecret: false, replyMode: 'autopilot',
      lastValidatedAt: now, lastValidationResult: 'ok', createdAt: now, updatedAt: now,
    };
    return send(res, 200, integration);
  }
  if (!integration) return fail(res, 404, 'not_connected', 'no Front integration is connected for this organisation');
  if (path === '/v1/integrations/front') {
    if (req.method === 'GET') return send(res, 200, integration);
    if (req.method === 'DELETE') {
      integration = null;
      return send(res, 204);
    }
    if (req.method === 'PATCH') {
      if (body.aiTeammateId !== undefined) {
        const teammate = teammates.find((t) => t.id === body.aiTeammateId);
        if (!teammate || teammate.isBlocked) return fail(res, 422, 'teammate_invalid', `${body.aiTeammateId} is blocked or unknown in Front`);
        integration.aiTeammateId = body.aiTeammateId;
      }
      for (const flag of ['enabled', 'handleUnassigned']) if (body[flag] !== undefined) integration[flag] = body[flag];
      if (body.webhookSecret) integration.hasWebhookSecret = true;
      if (body.ruleWebhookSecret) integration.hasRuleWebhookSecret = true;
      integration.updatedAt = new Date().toISOString();
      return send(res, 200, integration);
    }
  }
  if (path === '/v1/integrations/front/teammates') return send(res, 200, { teammates });
  if (path.startsWith('/v1/integrations/front/knowledge')) {
    if (process.env.MOCK_KNOWLEDGE === 'missing') return fail(res, 404, 'not_found', `Cannot ${req.method} ${path}`);
    if (path.endsWith('/sync') && req.method === 'POST') {
      sync = { state: 'running', lastRunAt: sync.lastRunAt, lastResult: sync.lastResult, progress: { done: 0, total: 12 } };
      setTimeout(() => (sync = { state: 'idle', lastRunAt: new Date().toISOString(), lastResult: { articles: 12, failed: 0 }, progress: null }), 4000);
      return send(res, 202, { accepted: true });
    }
    return send(res, 200, {
      knowledgeBases: [
        { id: 'knb_1', name: 'Help Center', type: 'external', locale: 'en', selected: true, articleCount: 9 },
        { id: 'knb_2', name: 'Internal runbooks', type: 'internal', locale: 'en', selected: false, articleCount: 3 },
      ],
      sync,
    });
  }
  if (path === '/v1/integrations/front/status') {
    const check = url.searchParams.get('check') === 'true';
    if (check) integration.lastValidatedAt = new Date().toISOString();
    return send(res, 200, {
      credentials: { lastValidatedAt: integration.lastValidatedAt, lastValidationResult: 'ok', ok: true },
      webhook: {
        lastEventAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        lastEventByType: { inbound: new Date(Date.now() - 5 * 60_000).toISOString(), assign: new Date(Date.now() - 3600_000).toISOString() },
        countLast24h: 42, signatureFailuresLast24h: integration.hasWebhookSecret ? 0 : 2,
        lastSignatureFailureAt: integration.hasWebhookSecret ? null : new Date(Date.now() - 7200_000).toISOString(),
        noWebhookYet: false, unsignedWarning: !integration.hasWebhookSecret && !integration.hasRuleWebhookSecret,
      },
      ai: {
        repliesLast24h: 17, handoffsLast24h: 4, deadLetters: 0, responder: 'embedded',
        lastErrors: [{ at: new Date(Date.now() - 1800_000).toISOString(), code: 'front_rate_limited', message: 'Front answered 429; retried' }],
      },
      knowledge: { state: sync.state, lastRunAt: sync.lastRunAt, lastResult: sync.lastResult },
    });
  }
  return fail(res, 404, 'not_found', `Cannot ${req.method} ${path}`);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/v1/')) return api(req, res, url).catch((error) => fail(res, 500, 'internal', String(error)));
  const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : url.pathname));
  if (!file.startsWith(dist)) return fail(res, 404, 'not_found', 'not found');
  try {
    const content = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(content);
  } catch {
    fail(res, 404, 'not_found', 'not found');
  }
}).listen(port, '127.0.0.1', () => process.stdout.write(`mock integration-settings on http://127.0.0.1:${port}\n`));
