import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebhookIntakeService } from './webhook-intake.service';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * `POST /webhooks/front/:webhookKey`, registered on the raw Fastify instance:
 * Nest's per-request pipeline costs more than this hot path may spend. The
 * body stays raw bytes so signatures are checked on exactly what Front sent.
 */
export function registerWebhookRoute(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const intake = app.get(WebhookIntakeService);
  fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
      const tooLarge = error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      const status = tooLarge ? 413 : (error.statusCode ?? 500) < 500 ? error.statusCode! : 500;
      const code = tooLarge ? 'payload_too_large' : status === 500 ? 'internal_error' : 'bad_request';
      void reply.status(status).send({ error: { code, message: tooLarge ? `the body exceeds ${bodyLimit} bytes` : code } });
    });
    scope.post<{ Params: { webhookKey: string } }>('/webhooks/front/:webhookKey', async (request: FastifyRequest<{ Params: { webhookKey: string } }>, reply: FastifyReply) => {
      if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) {
        return reply.status(415).send({ error: { code: 'unsupported_media_type', message: 'send application/json' } });
      }
      const answer = await intake.receive({
        webhookKey: request.params.webhookKey,
        headers: request.headers,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      if (answer.headers) void reply.headers(answer.headers);
      return reply.status(answer.status).send(answer.body);
    });
  });
}
