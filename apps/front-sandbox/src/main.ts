import { randomBytes } from 'node:crypto';
import { startFrontSandbox } from '@front-agent/testing';
import pino from 'pino';

/** The Front sandbox as a process, for demos and manual runs: FRONT_SANDBOX_PORT (default 3100). */
async function main(): Promise<void> {
  const logger = pino({ name: 'front-sandbox' });
  const port = Number(process.env.FRONT_SANDBOX_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('FRONT_SANDBOX_PORT must be a port number');
  // The services' database outlives this in-memory sandbox: a fresh salt per start keeps today's
  // conversations, messages and events from reusing the ids of an earlier run's.
  const idSalt = randomBytes(3).readUIntBE(0, 3).toString(36);
  const sandbox = await startFrontSandbox({ port, host: process.env.FRONT_SANDBOX_HOST ?? '127.0.0.1', seed: 'default', idSalt });
  const { company } = sandbox.control.state();
  // Tokens and secrets are listed by the control API, never logged.
  logger.info({ url: sandbox.url, company: company.id, state: `${sandbox.url}/_sandbox/state` }, 'Front sandbox listening: point FRONT_API_URL here');
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  pino({ name: 'front-sandbox' }).error({ err: error }, 'Front sandbox failed to start');
  process.exit(1);
});
