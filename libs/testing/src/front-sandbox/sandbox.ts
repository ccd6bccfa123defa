import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { SandboxControl } from './control/control';
import { registerControlRoutes } from './control/control-routes';
import { ConversationActions } from './domain/conversation-actions';
import { DraftActions } from './domain/draft-actions';
import { MessageActions } from './domain/message-actions';
import { SandboxCore } from './domain/sandbox-core';
import { FaultInjector } from './http/faults';
import { installPipeline, type ResponseViolation } from './http/pipeline';
import { CompanyRateLimiter } from './http/rate-limit';
import { companyRoutes } from './routes/company';
import { conversationRoutes } from './routes/conversations';
import { draftRoutes } from './routes/drafts';
import { eventRoutes } from './routes/events';
import { identityRoutes } from './routes/identity';
import { knowledgeRoutes } from './routes/knowledge';
import { messageRoutes } from './routes/messages';
import { registerRoutes, type RouteDeps } from './routes/route';
import { FrontSpec } from './spec/spec-validator';
import type { SeedName } from './state/seed';
import { WebhookDispatcher } from './webhooks/dispatcher';

export interface FrontSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: SeedName;
  /** The sandbox clock in ms (timestamps, rate-limit windows, webhook timestamps). Default Date.now. */
  now?: () => number;
  /** Fastify request logging. Default off. */
  logger?: boolean;
  /** Put into every generated id (cnv_<salt>1): ids unlike those of an earlier run. Default none (cnv_1). */
  idSalt?: string;
}

export interface FrontSandbox {
  /** Base URL to use as FRONT_API_URL, e.g. http://127.0.0.1:3100. */
  url: string;
  /** The same operations as the HTTP control API under /_sandbox/. */
  control: SandboxControl;
  close(): Promise<void>;
}

let specLoading: Promise<FrontSpec> | undefined;

/** Loads Front's spec once per process and shares the compiled validators. */
export function loadFrontSpec(): Promise<FrontSpec> {
  specLoading ??= FrontSpec.load();
  return specLoading;
}

/** A stateful fake Front over real HTTP, strict about requests as the spec is. */
export async function startFrontSandbox(options: FrontSandboxOptions = {}): Promise<FrontSandbox> {
  const clock = options.now ?? Date.now;
  const spec = await loadFrontSpec();
  const core = new SandboxCore(clock, options.seed ?? 'default', options.idSalt);
  const conversations = new ConversationActions(core);
  const messages = new MessageActions(core, conversations);
  const drafts = new DraftActions(core, conversations, messages);
  const faults = new FaultInjector(() => core.store.random());
  const limiter = new CompanyRateLimiter(clock);
  const webhooks = new WebhookDispatcher(core);
  const violations: ResponseViolation[] = [];

  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    forceCloseConnections: true,
  });
  installPipeline(app, { core, spec, faults, limiter, violations });
  const deps: RouteDeps = { core, conversations, messages, drafts };
  registerRoutes(app, [
    ...identityRoutes(deps),
    ...conversationRoutes(deps),
    ...messageRoutes(deps),
    ...draftRoutes(deps),
    ...companyRoutes(deps),
    ...knowledgeRoutes(deps),
    ...eventRoutes(deps),
  ]);
  const control = new SandboxControl({ core, conversations, messages, drafts, faults, limiter, webhooks, violations });
  registerControlRoutes(app, control);

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  core.baseUrl = url;

  return {
    url,
    control,
    close: async () => {
      core.close();
      webhooks.reset();
      await app.close();
    },
  };
}
