import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { badRequest, FrontApiError } from '../domain/errors';
import type { FaultSpec } from '../http/faults';
import { CONTROL_PREFIX } from '../http/pipeline';
import type { SeedName } from '../state/seed';
import type { SandboxSettings } from '../state/settings';
import type { WebhookTargetConfig } from '../webhooks/webhook-config';
import type { CustomerMessageCommand, SandboxControl } from './control';

type Body = Record<string, unknown>;
type Handler = (body: Body, params: Record<string, string>) => unknown;

/** The HTTP face of SandboxControl, under /_sandbox/ (no auth, no rate limit, no faults). */
export function registerControlRoutes(app: FastifyInstance, control: SandboxControl): void {
  const route = (method: HTTPMethods, url: string, handler: Handler, status = 200) =>
    app.route({
      method,
      url: `${CONTROL_PREFIX}${url}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const result = await handler((request.body as Body | undefined) ?? {}, request.params as Record<string, string>);
          return reply.code(result === undefined ? 204 : status).send(result);
        } catch (error) {
          throw error instanceof FrontApiError ? error : badRequest((error as Error).message);
        }
      },
    });

  route('POST', '/reset', (body) => control.reset((body.seed as SeedName | undefined) ?? 'default'));
  route('GET', '/state', () => control.state());
  route('GET', '/record', () => control.record());
  route('GET', '/violations', () => control.violations());
  route('POST', '/idle', async () => {
    await control.idle();
    return { idle: true };
  });

  route('POST', '/customer-messages', (body) => control.customerMessage(body as unknown as CustomerMessageCommand), 201);
  route('POST', '/teammate-replies', (body) => control.teammateReply(body as never), 201);
  route('POST', '/conversations/:id/archive', (body, params) => control.archive(params.id, optional(body.teammateId)));
  route('POST', '/conversations/:id/reopen', (body, params) => control.reopen(params.id, optional(body.teammateId)));
  route('POST', '/conversations/:id/assign', (body, params) => {
    if (!('teammateId' in body)) throw badRequest('teammateId (a teammate id or null) is required');
    control.assign(params.id, body.teammateId as string | null, optional(body.byTeammateId));
  });
  route('POST', '/conversations/:id/merge', (body, params) => control.merge(params.id, String(body.intoId)));
  route('POST', '/drafts/:id/send', (body, params) => control.sendDraft(params.id, body as never), 201);
  route('POST', '/drafts/:id/discard', (_body, params) => control.discardDraft(params.id));

  route('POST', '/tokens', (body) => control.createToken(body as never), 201);
  route('DELETE', '/tokens/:token', (_body, params) => control.revokeToken(params.token));

  route('GET', '/rate-limit', () => control.rateLimit());
  route('PUT', '/rate-limit', (body) => control.setRateLimit(body as never));
  route('GET', '/settings', () => control.settings());
  route('PUT', '/settings', (body) => control.updateSettings(body as Partial<SandboxSettings>));

  route('GET', '/faults', () => control.faults());
  route('POST', '/faults', (body) => control.addFault(body as unknown as FaultSpec), 201);
  route('DELETE', '/faults', () => control.clearFaults());
  route('DELETE', '/faults/:id', (_body, params) => control.removeFault(params.id));

  route('PUT', '/webhook', (body) => control.configureWebhook(body as unknown as WebhookTargetConfig));
  route('GET', '/webhooks', () => control.webhooks());
  route('POST', '/webhooks', (body) => control.addWebhook(body as unknown as WebhookTargetConfig), 201);
  route('DELETE', '/webhooks', () => control.removeWebhooks());
  route('POST', '/webhook/challenge', (body) => control.challengeWebhook(optional(body.targetId)));
  route('GET', '/webhook-deliveries', () => control.webhookDeliveries());
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
