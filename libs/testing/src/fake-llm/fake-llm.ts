import Fastify, { type FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import { answerFromPrompt } from './answer-from-prompt';
import { completionBody, streamChunks } from './completion-body';
import type { ChatCompletionRequest, RecordedLlmRequest, ScriptedResponse } from './types';

export interface FakeLlmOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
}

/** Failure applied to every request (after the queue is empty) until cleared. */
export type FailureMode = { status: 429 | 500 | 503 } | { timeout: true } | null;

export interface FakeLlm {
  /** Server root, e.g. http://127.0.0.1:3200. */
  url: string;
  /** What to give an OpenAI client as baseURL: `${url}/v1`. */
  baseURL: string;
  /** Every chat-completion request received, oldest first. */
  readonly requests: RecordedLlmRequest[];
  /** Queue answers; each request takes the next one before falling back to the prompt policy. */
  enqueue(...responses: ScriptedResponse[]): void;
  setFailureMode(mode: FailureMode): void;
  setLatency(ms: number): void;
  /** The most chat-completion requests it was answering at once since the last reset. */
  mostConcurrent(): number;
  /** Forget requests, queue, failure mode and latency. */
  reset(): void;
  close(): Promise<void>;
}

const MODEL_ID = 'fake-llm';

/** An OpenAI-compatible chat-completions server for tests and demos. */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const requests: RecordedLlmRequest[] = [];
  let queue: ScriptedResponse[] = [];
  let failure: FailureMode = null;
  let latencyMs = options.latencyMs ?? 0;
  let counter = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 20 * 1024 * 1024 });

  app.get('/v1/models', async () => ({
    object: 'list',
    data: [{ id: MODEL_ID, object: 'model', created: 1_700_000_000, owned_by: 'front-agent' }],
  }));

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = request.body as ChatCompletionRequest | undefined;
    if (!body || !Array.isArray(body.messages) || body.messages.length === 0) {
      return openAiError(reply, 400, 'messages is required and must be a non-empty array', 'invalid_request_error');
    }
    const scripted = queue.length > 0;
    const answer = queue.shift() ?? (failure ? failureAnswer(failure) : answerFromPrompt(body));
    requests.push({
      at: Date.now(),
      model: body.model,
      messages: body.messages,
      tools: body.tools ?? [],
      toolChoice: body.tool_choice ?? null,
      responseFormat: body.response_format ?? null,
      authorization: request.headers.authorization ?? null,
      answer,
      scripted,
    });
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    inFlight -= 1;
    if ('timeout' in answer) return reply.hijack(); // never answers; the client's timeout fires
    if ('status' in answer) {
      reply.header('retry-after-ms', '50').header('retry-after', '1');
      const type = answer.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      return openAiError(reply, answer.status, answer.message ?? `Fake LLM failure (${answer.status})`, type);
    }
    counter += 1;
    const completion = completionBody(`chatcmpl-fake-${counter}`, body, answer);
    if (!body.stream) return completion;
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const chunk of streamChunks(completion)) reply.raw.write(`data: ${JSON.stringify(chunk)}\n\n`);
    reply.raw.end('data: [DONE]\n\n');
    return reply;
  });

  // Control for standalone use (demos): the same operations as the programmatic API.
  app.post('/_fake/enqueue', async (request) => {
    const body = request.body as ScriptedResponse | ScriptedResponse[];
    queue.push(...(Array.isArray(body) ? body : [body]));
    return { queued: queue.length };
  });
  app.get('/_fake/requests', async () => requests);
  app.put('/_fake/failure', async (request) => {
    failure = ((request.body as { mode?: FailureMode } | undefined)?.mode ?? null) as FailureMode;
    return { failure };
  });
  app.post('/_fake/reset', async () => {
    reset();
    return { reset: true };
  });

  function reset(): void {
    requests.length = 0;
    queue = [];
    failure = null;
    latencyMs = options.latencyMs ?? 0;
    mostInFlight = inFlight;
  }

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    setFailureMode: (mode) => {
      failure = mode;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    mostConcurrent: () => mostInFlight,
    reset,
    close: () => app.close(),
  };
}

function failureAnswer(mode: NonNullable<FailureMode>): ScriptedResponse {
  return 'timeout' in mode ? { timeout: true } : { status: mode.status };
}

function openAiError(reply: FastifyReply, status: number, message: string, type: string) {
  return reply.code(status).send({ error: { message, type, param: null, code: type } });
}
