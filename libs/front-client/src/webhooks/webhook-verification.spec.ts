import { createHmac } from 'node:crypto';
import { signApplicationWebhook, verifyApplicationWebhook } from './application-webhook';
import { signRuleWebhook, verifyRuleWebhook } from './rule-webhook';
import { challengeResponse, detectWebhookFormat } from './webhook-format';

const appSecret = 'app-secret';
const apiSecret = 'api-secret';
const syncBody = Buffer.from('{"type":"sync","authorization":{"id":"cmp_123"}}', 'utf8');
const ruleBody = Buffer.from('{"type":"inbound","id":"evt_1"}', 'utf8');
const timestamp = '1700000000000';
const now = 1_700_000_000_000 + 1_000;

describe('application webhook signatures', () => {
  it('matches a vector computed independently (openssl dgst -sha256 -hmac, base64)', () => {
    expect(signApplicationWebhook({ rawBody: syncBody, secret: appSecret, timestampMs: Number(timestamp) })).toEqual({
      'x-front-request-timestamp': timestamp,
      'x-front-signature': '3usSzdwpqIB39rlQK/8OqyLp/WIfmUqi2BortWl8Tks=',
    });
  });

  it('matches a vector computed by hand with node:crypto over "timestamp:rawBody"', () => {
    const byHand = createHmac('sha256', appSecret).update(`${timestamp}:${syncBody.toString('utf8')}`).digest('base64');
    const result = verifyApplicationWebhook({ rawBody: syncBody, timestampHeader: timestamp, signatureHeader: byHand, secret: appSecret, now });
    expect(result).toEqual({ ok: true, timestampMs: Number(timestamp) });
  });

  it('verifies over the raw bytes, so escapes a re-serialiser would rewrite still verify', () => {
    const raw = Buffer.from('{"body":"\\u003cp\\u003ehi\\u003c/p\\u003e"}', 'utf8');
    const headers = signApplicationWebhook({ rawBody: raw, secret: appSecret, timestampMs: now });
    const result = verifyApplicationWebhook({
      rawBody: raw, timestampHeader: headers['x-front-request-timestamp'], signatureHeader: headers['x-front-signature'], secret: appSecret, now,
    });
    expect(result.ok).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
    expect(verifyApplicationWebhook({
      rawBody: reserialised, timestampHeader: headers['x-front-request-timestamp'], signatureHeader: headers['x-front-signature'], secret: appSecret, now,
    })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  const signed = signApplicationWebhook({ rawBody: syncBody, secret: appSecret, timestampMs: Number(timestamp) });
  const valid = { rawBody: syncBody, timestampHeader: timestamp, signatureHeader: signed['x-front-signature'], secret: appSecret, now };

  it.each([
    ['a tampered body', { rawBody: Buffer.from(syncBody.toString().replace('cmp_123', 'cmp_999')) }, 'bad_signature'],
    ['a wrong secret', { secret: 'other-secret' }, 'bad_signature'],
    ['a timestamp other than the signed one', { timestampHeader: '1700000000001' }, 'bad_signature'],
    ['a signature of another length', { signatureHeader: 'c2hvcnQ=' }, 'bad_signature'],
    ['no signature', { signatureHeader: undefined }, 'missing_signature'],
    ['an empty signature', { signatureHeader: '  ' }, 'missing_signature'],
    ['no timestamp', { timestampHeader: undefined }, 'missing_timestamp'],
    ['a timestamp that is not a number', { timestampHeader: 'yesterday' }, 'missing_timestamp'],
    ['a timestamp more than 5 minutes old', { now: Number(timestamp) + 5 * 60_000 + 1 }, 'stale_timestamp'],
    ['a timestamp more than 5 seconds ahead', { now: Number(timestamp) - 5_001 }, 'future_timestamp'],
  ])('rejects %s', (_label, change, reason) => {
    expect(verifyApplicationWebhook({ ...valid, ...change })).toEqual({ ok: false, reason });
  });

  it('accepts the edges of the replay window and honours a custom tolerance', () => {
    expect(verifyApplicationWebhook({ ...valid, now: Number(timestamp) + 5 * 60_000 }).ok).toBe(true);
    expect(verifyApplicationWebhook({ ...valid, now: Number(timestamp) - 5_000 }).ok).toBe(true);
    expect(verifyApplicationWebhook({ ...valid, now: Number(timestamp) + 2_000, toleranceMs: { pastMs: 1_000 } })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });
});

describe('rule webhook signatures', () => {
  it('matches a vector computed independently (openssl dgst -sha1 -hmac, base64)', () => {
    expect(signRuleWebhook({ rawBody: ruleBody, secret: apiSecret })).toEqual({ 'x-front-signature': 'aBOsu8IvqjbUhiCbFJ1wLi3jGsE=' });
  });

  it('matches a vector computed by hand with node:crypto over the raw body', () => {
    const byHand = createHmac('sha1', apiSecret).update(ruleBody).digest('base64');
    expect(verifyRuleWebhook({ rawBody: ruleBody, signatureHeader: byHand, secret: apiSecret })).toEqual({ ok: true });
  });

  it.each([
    ['a tampered body', { rawBody: Buffer.from('{"type":"inbound","id":"evt_2"}') }, 'bad_signature'],
    ['a wrong secret', { secret: 'app-secret' }, 'bad_signature'],
    ['an application-style SHA-256 signature', { signatureHeader: signApplicationWebhook({ rawBody: ruleBody, secret: apiSecret })['x-front-signature'] }, 'bad_signature'],
    ['no signature', { signatureHeader: undefined }, 'missing_signature'],
  ])('rejects %s', (_label, change, reason) => {
    const valid = { rawBody: ruleBody, signatureHeader: 'aBOsu8IvqjbUhiCbFJ1wLi3jGsE=', secret: apiSecret };
    expect(verifyRuleWebhook({ ...valid, ...change })).toEqual({ ok: false, reason });
  });
});

describe('webhook format detection', () => {
  const event = { _links: { self: 'https://acme.api.frontapp.com/events/evt_1' }, id: 'evt_1', type: 'inbound', emitted_at: 1, conversation: {} };

  it('sees an application webhook in the envelope, in a sync request, or in the timestamp header', () => {
    expect(detectWebhookFormat({}, { type: 'inbound_received', authorization: { id: 'cmp_1' }, payload: event })).toBe('application');
    expect(detectWebhookFormat({}, { type: 'sync', authorization: { id: 'cmp_1' } })).toBe('application');
    expect(detectWebhookFormat({ 'X-Front-Request-Timestamp': '1700000000000' }, { something: 'else' })).toBe('application');
  });

  it('sees a rule webhook in a bare event', () => {
    expect(detectWebhookFormat({ 'x-front-signature': 'abc' }, event)).toBe('rule');
  });

  it('says unknown for anything else', () => {
    expect(detectWebhookFormat({}, { hello: 'world' })).toBe('unknown');
    expect(detectWebhookFormat({}, null)).toBe('unknown');
    expect(detectWebhookFormat({}, [event])).toBe('unknown');
  });

  it('echoes the challenge as JSON', () => {
    expect(challengeResponse('r4nd0m')).toEqual({ challenge: 'r4nd0m' });
  });
});
