import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, FrontApiError, MalformedJsonError, notFound, serverError, tooManyRequests } from '../domain/errors';
import type { SandboxCore } from '../domain/sandbox-core';
import type { FrontSpec } from '../spec/spec-validator';
import { authenticate } from './auth';
import type { FaultInjector } from './faults';
import type { CompanyRateLimiter } from './rate-limit';

export const CONTROL_PREFIX = '/_sandbox';

/** A response that did not match the spec (kept for GET /_sandbox/violations). */
export interface ResponseViolation {
  operationId: string;
  method: string;
  path: string;
  status: number;
  errors: string[];
}

export interface PipelineDeps {
  core: SandboxCore;
  spec: FrontSpec;
  faults: FaultInjector;
  limiter: CompanyRateLimiter;
  violations: ResponseViolation[];
}

interface RequestState {
  startedAt: number;
  operationId: string | null;
  rateHeaders?: Record<string, string>;
}

const states = new WeakMap<FastifyRequest, RequestState>();

/** The operationId a route was registered with (see routes/route.ts). */
export function operationIdOf(request: FastifyRequest): string | null {
  const config = request.routeOptions.config as { operationId?: string } | undefined;
  return config?.operationId ?? null;
}

/**
 * Front's request pipeline, in order: injected faults, authentication and
 * scopes, the company rate limit, request validation against the spec; then
 * rate-limit headers on every answer, response validation and the request log.
 */
export function installPipeline(app: FastifyInstance, deps: PipelineDeps): void {
  const { core, spec, faults, limiter, violations } = deps;

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, raw, done) => {
    const text = String(raw);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new MalformedJsonError((error as Error).message), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    const operationId = operationIdOf(request);
    const state: RequestState = { startedAt: performance.now(), operationId };
    states.set(request, state);
    const path = request.url.split('?')[0];
    const fault = faults.decide(request.method, path);
    if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.kind === 'drop') {
      core.recorder.counts.faultsInjected += 1;
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault.kind === 'status') {
      core.recorder.counts.faultsInjected += 1;
      const { status, retryAfterSeconds = 1, tier } = fault.rule;
      throw status === 429 ? tooManyRequests(retryAfterSeconds * 1000, tier) : serverError(status);
    }
    const scopes = operationId ? spec.operation(operationId).scopes : [];
    authenticate(core.store, request.headers.authorization, scopes);
    const resource = Object.values((request.params as Record<string, string> | undefined) ?? {})[0];
    const verdict = limiter.check(core.rateLimit, operationId, resource);
    state.rateHeaders = verdict.headers;
    if (verdict.error) throw verdict.error;
  });

  app.addHook('preHandler', async (request) => {
    const operationId = operationIdOf(request);
    if (!operationId || request.url.startsWith(CONTROL_PREFIX)) return;
    if (!spec.operation(operationId).requestBodySchema) return;
    const body = request.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('Body did not satisfy requirements: a JSON object is required');
    }
    const problems = spec.validateRequestBody(operationId, body);
    if (core.settings.rejectUnknownFields) {
      problems.push(...spec.unknownBodyFields(operationId, body).map((field) => `${field} is not allowed`));
    }
    if (problems.length > 0) throw badRequest(`Body did not satisfy requirements: ${problems.join('; ')}`);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = states.get(request);
    if (!state) return payload;
    if (state.rateHeaders) reply.headers(state.rateHeaders);
    if (core.settings.validateResponses && state.operationId && reply.statusCode < 300) {
      const body = typeof payload === 'string' && payload.length > 0 ? (JSON.parse(payload) as unknown) : null;
      const errors = spec.validateResponse(state.operationId, reply.statusCode, body);
      if (errors.length > 0) {
        violations.push({ operationId: state.operationId, method: request.method, path: request.url, status: reply.statusCode, errors });
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request);
    if (!state) return;
    core.recorder.request({
      at: core.store.nowMs(),
      method: request.method,
      path: request.url,
      operationId: state.operationId,
      status: reply.statusCode,
      durationMs: Math.round((performance.now() - state.startedAt) * 10) / 10,
    });
  });

  app.setErrorHandler((error: FastifyError | FrontApiError | MalformedJsonError, _request, reply: FastifyReply) => {
    if (error instanceof FrontApiError) return reply.code(error.status).headers(error.headers).send(error.body());
    if (error instanceof MalformedJsonError) return reply.code(400).send(error.body());
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 500) reply.log.error(error);
    const title = { 404: 'Not found', 405: 'Method not allowed', 413: 'Payload too large', 415: 'Unsupported media type' }[status] ?? 'Bad request';
    const front = status >= 500 ? serverError(status) : new FrontApiError(status, title, error.message);
    return reply.code(front.status).send(front.body());
  });

  app.setNotFoundHandler((request, reply) => {
    const error = notFound(`Unknown route ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).send(error.body());
  });
}
