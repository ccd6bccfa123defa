import { signApplicationWebhook, signRuleWebhook } from '@front-agent/front-client';
import { BrokerCapture } from '../support/broker-capture';
import { SystemHarness } from '../support/system-harness';

/** The ingress and settings services, an org connected to the sandbox, and a capture of the broker. */
export async function startIngressSystem(label: string, ingressEnv: NodeJS.ProcessEnv = {}) {
  const system = await SystemHarness.start(label);
  await system.startService('webhook-ingress', ingressEnv);
  await system.startService('integration-settings');
  const org = await system.createOrg();
  const { webhookUrl, integrationId } = await system.connectFront(org.adminKey);
  const capture = await BrokerCapture.start(system.env.AMQP_URL!, 'front.#');
  const secrets = system.sandbox.control.state().secrets;
  return { system, org, webhookUrl, integrationId, capture, secrets };
}

/** POSTs a body to a webhook URL, signed like an application webhook unless told otherwise. */
export async function postWebhook(
  url: string,
  body: string | Buffer,
  options: { secret?: string; format?: 'application' | 'rule'; headers?: Record<string, string>; timestampMs?: number } = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const signature = !options.secret
    ? {}
    : options.format === 'rule'
      ? signRuleWebhook({ rawBody, secret: options.secret })
      : signApplicationWebhook({ rawBody, secret: options.secret, timestampMs: options.timestampMs });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signature, ...options.headers },
    body: new Uint8Array(rawBody),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

export function inboundEnvelope(eventId: string, conversationId = 'cnv_fake') {
  return {
    type: 'inbound_received',
    authorization: { id: 'cmp_sandbox' },
    payload: {
      _links: { self: `https://sandbox.api.frontapp.com/events/${eventId}` },
      id: eventId,
      type: 'inbound',
      emitted_at: Date.now() / 1000,
      conversation: { id: conversationId, status: 'assigned', assignee: { id: 'tea_ai' } },
      source: { _meta: { type: 'inboxes' }, data: [{ id: 'inb_1' }] },
      target: {
        _meta: { type: 'message' },
        data: { id: `msg_${eventId}`, type: 'email', is_inbound: true, author: null, text: 'hello', body: '<p>hello</p>', recipients: [{ role: 'from', handle: 'c@x.test' }] },
      },
    },
  };
}
