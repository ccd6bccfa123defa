/**
 * The floor of bench:ingress: the least any webhook receiver with our
 * guarantees does per request. node:http reads the body, checks the
 * application signature, parses the JSON and answers 200 only after RabbitMQ
 * confirmed the event on the same quorum queue: no framework, no cache, no
 * normalisation, no metrics. What it reaches is the machine's and the
 * broker's limit, not ours.
 */
import { createServer } from 'node:http';
import * as amqp from 'amqplib';
import { FRONT_SIGNATURE_HEADER, FRONT_TIMESTAMP_HEADER, verifyApplicationWebhook } from '@front-agent/front-client';

async function main(): Promise<void> {
  const connection = await amqp.connect(process.env.AMQP_URL!, { noDelay: true });
  const channel = await connection.createConfirmChannel();
  const secret = process.env.APP_SECRET!;
  const server = createServer((request, response) => {
    if (request.url === '/ready') {
      response.writeHead(200).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const header = (name: string) => request.headers[name] as string | undefined;
      const verified = verifyApplicationWebhook({
        rawBody, secret, timestampHeader: header(FRONT_TIMESTAMP_HEADER), signatureHeader: header(FRONT_SIGNATURE_HEADER),
      });
      if (!verified.ok) {
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(rawBody.toString('utf8')) as { payload?: { id?: string; type?: string } };
      const message = Buffer.from(JSON.stringify({ messageId: event.payload?.id, type: event.payload?.type, raw: event.payload }));
      channel.publish('front.events', `front.${event.payload?.type}`, message, { persistent: true, messageId: event.payload?.id }, (error) => {
        response.writeHead(error ? 503 : 200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
}

void main();
