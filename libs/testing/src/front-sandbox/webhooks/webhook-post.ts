import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Kept-alive connections to each target, as Front's sender keeps them: a webhook is then one
// write and one read (fetch() cost the sandbox's process a third more per webhook).
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** A timeout of the whole delivery, as `AbortSignal.timeout` reports it. */
class WebhookTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** POSTs a webhook and reads its answer away; resolves with the status, rejects on a network error or after `timeoutMs`. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: agents[target.protocol as keyof typeof agents] },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    const timer = setTimeout(() => request.destroy(new WebhookTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
    request.end(body);
  });
}
