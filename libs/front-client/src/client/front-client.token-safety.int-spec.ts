import { inspect } from 'node:util';
import { scripted, startFakeFront, type FakeFront } from '../test-support/fake-front-server';
import { createFrontAxios } from './front-axios';
import { FrontClient } from './front-client';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.super-secret-token.sig';

/** Every way an error can end up in a log. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: Infinity, showHidden: true })];
}

describe('the API token never leaks', () => {
  let fake: FakeFront;
  let closedUrl: string;

  beforeAll(async () => {
    fake = await startFakeFront(
      scripted({
        'GET /me': [{ status: 401, body: { _error: { status: 401, title: 'Unauthenticated', message: 'JSON Web Token error' } } }],
        'GET /teammates': [{ status: 500 }],
        'POST /conversations/cnv_1/messages': [{ hangUp: true }],
        'GET /conversations/cnv_1': [{ status: 429, headers: { 'retry-after': '60' } }],
      }),
    );
    const closed = await startFakeFront(() => ({}));
    closedUrl = closed.url;
    await closed.close();
  });
  afterAll(() => fake.close());

  it('from errors of every kind: 401, 5xx, dropped connection, refused connection, rate limit, deadline', async () => {
    const client = new FrontClient({ token: TOKEN, baseUrl: fake.url, retryPolicy: { maxAttempts: 1 } });
    const unreachable = new FrontClient({ token: TOKEN, baseUrl: closedUrl, retryPolicy: { maxAttempts: 1 } });
    const errors = await Promise.all([
      client.getMe().catch((e: unknown) => e),
      client.listTeammates().catch((e: unknown) => e),
      client.reply('cnv_1', { body: 'x', authorId: 'tea_ai', archive: false }).catch((e: unknown) => e),
      client.getConversation('cnv_1', { deadlineMs: 500 }).catch((e: unknown) => e),
      unreachable.getMe().catch((e: unknown) => e),
    ]);
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['token_invalid', 'front_unreachable', 'front_unreachable', 'rate_limited', 'front_unreachable']);
    for (const error of errors) for (const text of renderings(error)) expect(text).not.toContain('super-secret-token');
  });

  it('from the client object itself', () => {
    const client = new FrontClient({ token: TOKEN, baseUrl: fake.url });
    expect(JSON.stringify(client)).not.toContain('super-secret-token');
    expect(inspect(client, { depth: 3 })).not.toContain('super-secret-token');
  });

  it('from raw axios errors: config headers, toJSON() and the request are scrubbed', async () => {
    const axios = createFrontAxios(closedUrl, TOKEN, 'front-agent-test');
    const error = await axios.get('/me').catch((e: unknown) => e);
    for (const text of renderings(error)) expect(text).not.toContain('super-secret-token');
    const json = (error as { toJSON(): { config: { headers: Record<string, string> } } }).toJSON();
    expect(json.config.headers.Authorization).toBe('[redacted]');
  });

  it('still sends it to Front', () => {
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
