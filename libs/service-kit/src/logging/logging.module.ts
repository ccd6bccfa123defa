import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

/** Paths pino must never print: tokens, secrets, auth headers, message bodies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-front-signature"]',
  'req.headers.cookie',
  '*.apiToken',
  '*.token',
  '*.webhookSecret',
  '*.ruleWebhookSecret',
  '*.secret',
  '*.password',
];

/**
 * JSON logs with pino; every HTTP request carries a correlation id
 * (x-correlation-id or a new one). `httpRequestLogs: false` leaves HTTP
 * requests unlogged, for a hot path that logs its own rejections.
 */
export function loggingModule(service: string, level: string, httpRequestLogs = true) {
  return LoggerModule.forRoot({
    ...(httpRequestLogs ? {} : { forRoutes: [] }),
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const header = req.headers['x-correlation-id'];
        return (Array.isArray(header) ? header[0] : header) ?? randomUUID();
      },
      customProps: (req: IncomingMessage) => ({ correlationId: (req as IncomingMessage & { id?: unknown }).id }),
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      },
    },
  });
}

/** Webhook keys in paths are credentials too: keep only a prefix. */
function redactUrl(url: string): string {
  return url.replace(/(\/webhooks\/front\/)([^/?]{4})[^/?]*/, '$1$2…');
}
