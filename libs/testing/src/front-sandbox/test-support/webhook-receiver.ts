import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  answeredStatus: number;
  /** The sender's port: the same for webhooks sent over one kept-alive connection. */
  remotePort: number | undefined;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer, in order; once used up, 200. */
  answerWith(...statuses: number[]): void;
  close(): Promise<void>;
}

/** A plain HTTP receiver that keeps the raw bytes of every webhook (and echoes sync challenges as Front expects). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const status = statuses.shift() ?? 200;
      received.push({ headers: request.headers, rawBody, body: JSON.parse(rawBody), answeredStatus: status, remotePort: request.socket.remotePort });
      const challenge = request.headers['x-front-challenge'];
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(challenge ? { challenge } : { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/front`,
    received,
    answerWith: (...next) => statuses.push(...next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
