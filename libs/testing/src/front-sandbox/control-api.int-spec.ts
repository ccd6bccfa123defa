import { startFrontSandbox, type FrontSandbox } from './sandbox';
import { apiClient, type Api } from './test-support/http-client';

describe('Front sandbox HTTP control API', () => {
  let sandbox: FrontSandbox;
  let control: Api;
  let api: Api;

  beforeAll(async () => {
    sandbox = await startFrontSandbox();
    control = apiClient(sandbox.url, null);
    api = apiClient(sandbox.url);
  });

  afterAll(() => sandbox.close());

  it('exposes the seeded ids, tokens and secrets', async () => {
    const state = (await control.post('/_sandbox/reset', { seed: 'default' })).body;
    expect(state).toMatchObject({
      company: { id: 'cmp_sandbox', name: 'Sandbox Co' },
      teammates: { ai: 'tea_ai', humans: ['tea_alice', 'tea_bob'], blocked: ['tea_blocked'], apiBot: 'tea_api' },
      channels: { email: 'cha_email', chat: 'cha_chat', sms: 'cha_sms', whatsapp: 'cha_whatsapp', custom: 'cha_custom' },
      tokens: { valid: 'sandbox-token', revoked: 'sandbox-token-revoked', noApiAccess: 'sandbox-token-no-api', noKnowledgeScope: 'sandbox-token-no-kb' },
      secrets: { companyApiSecret: expect.any(String), appSecret: expect.any(String) },
    });
    const help = state.knowledgeBases.find((kb: { id: string }) => kb.id === 'knb_help');
    expect(help.articles).toContainEqual({ id: 'kba_reset_password', name: 'How to reset your password', status: 'published', locales: ['en', 'fr'] });
    expect(help.articles).toContainEqual(expect.objectContaining({ id: 'kba_new_pricing', status: 'draft' }));
    expect(state.knowledgeBases.find((kb: { id: string }) => kb.id === 'knb_internal').type).toBe('internal');
  });

  it('drives a conversation the way customers and teammates would, and records it', async () => {
    await control.post('/_sandbox/reset', {});
    const created = await control.post('/_sandbox/customer-messages', { channel: 'whatsapp', handle: '+34600000000', name: 'Ana', text: 'Hola' });
    expect(created.status).toBe(201);
    const { conversationId } = created.body;
    await control.post('/_sandbox/customer-messages', { conversationId, handle: '+34600000000', text: '¿Hay alguien?' });
    expect((await control.post(`/_sandbox/conversations/${conversationId}/assign`, { teammateId: 'tea_bob' })).status).toBe(204);
    await control.post('/_sandbox/teammate-replies', { conversationId, teammateId: 'tea_bob', text: 'Sí, dime' });
    await control.post(`/_sandbox/conversations/${conversationId}/archive`, {});
    await control.post(`/_sandbox/conversations/${conversationId}/reopen`, {});
    await control.post(`/_sandbox/conversations/${conversationId}/assign`, { teammateId: null });

    const conversation = (await api.get(`/conversations/${conversationId}`)).body;
    expect(conversation).toMatchObject({ status: 'unassigned', recipient: { handle: '+34600000000', name: 'Ana' } });
    const messages = (await api.get(`/conversations/${conversationId}/messages?sort_order=asc`)).body._results;
    expect(messages.map((m: { type: string; is_inbound: boolean; text: string }) => [m.type, m.is_inbound, m.text])).toEqual([
      ['whatsapp', true, 'Hola'],
      ['whatsapp', true, '¿Hay alguien?'],
      ['whatsapp', false, 'Sí, dime'],
    ]);
    const events = (await api.get(`/conversations/${conversationId}/events`)).body._results.map((e: { type: string }) => e.type);
    expect(events).toEqual(['unassign', 'reopen', 'archive', 'out_reply', 'assign', 'inbound', 'inbound']);

    const record = (await control.get('/_sandbox/record')).body;
    expect(record.assigneeChanges.map((c: { to: string | null; via: string }) => [c.to, c.via])).toEqual([
      ['tea_bob', 'sandbox'],
      [null, 'sandbox'],
    ]);
    expect(record.statusChanges.map((c: { from: string; to: string }) => `${c.from}->${c.to}`)).toEqual(['open->archived', 'archived->open']);
  });

  it('switches settings, rate limits and tokens over HTTP', async () => {
    await control.post('/_sandbox/reset', {});
    expect((await control.put('/_sandbox/settings', { replyProcessingDelayMs: 5 })).body.replyProcessingDelayMs).toBe(5);
    expect((await control.put('/_sandbox/rate-limit', { enabled: true, perMinute: 1 })).body).toMatchObject({ enabled: true, perMinute: 1 });
    expect((await api.get('/me')).status).toBe(200);
    expect((await api.get('/me')).status).toBe(429);
    expect((await control.get('/_sandbox/rate-limit')).body.counts.rateLimited).toBe(1);
    await control.put('/_sandbox/rate-limit', { enabled: false });

    const { token } = (await control.post('/_sandbox/tokens', { scopes: ['conversations:read'] })).body;
    expect((await apiClient(sandbox.url, token).get('/teammates')).status).toBe(403);
    await control.delete(`/_sandbox/tokens/${token}`);
    expect((await apiClient(sandbox.url, token).get('/conversations')).status).toBe(401);
  });

  it('answers bad control input with a 400 in Front error shape', async () => {
    const missing = await control.post('/_sandbox/customer-messages', { channel: 'email' });
    expect(missing.status).toBe(400);
    expect(missing.body._error.status).toBe(400);
    expect((await control.post('/_sandbox/conversations/cnv_missing/archive', {})).status).toBe(404);
    expect((await control.put('/_sandbox/webhook', { url: 'http://127.0.0.1:1/x', format: 'email' })).status).toBe(400);
  });
});
