/**
 * Starts every service of front-agent as a child process with prefixed logs,
 * waits until each answers /health/ready, and stops them all on Ctrl-C.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { config as loadDotenv } from 'dotenv';

interface ServiceSpec {
  name: string;
  entry: string;
  port: number;
  readyPath: string;
}

const SANDBOX_PORT = 3100;
const SERVICES: ServiceSpec[] = [
  { name: 'integration-settings', entry: 'apps/integration-settings/src/main.ts', port: 3002, readyPath: '/health/ready' },
  { name: 'webhook-ingress', entry: 'apps/webhook-ingress/src/main.ts', port: 3001, readyPath: '/health/ready' },
  { name: 'conversation-sync', entry: 'apps/conversation-sync/src/main.ts', port: 3003, readyPath: '/health/ready' },
  { name: 'ai-responder', entry: 'apps/ai-responder/src/main.ts', port: 3004, readyPath: '/health/ready' },
];
const COLORS = [36, 35, 33, 32, 34, 31];
const children: ChildProcess[] = [];
let stopping = false;

function ensureDevEncryptionKey(): void {
  const current = existsSync('.env') ? readFileSync('.env', 'utf8') : '';
  if (process.env.ENCRYPTION_KEY || /^ENCRYPTION_KEY=/m.test(current)) return;
  const line = `ENCRYPTION_KEY=${randomBytes(32).toString('base64')}\n`;
  if (current) appendFileSync('.env', `${current.endsWith('\n') ? '' : '\n'}${line}`);
  else writeFileSync('.env', `# Written by npm start: a development key. Set your own in production.\n${line}`);
  console.log('Wrote a development ENCRYPTION_KEY to .env');
}

function launch(spec: ServiceSpec, index: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', spec.entry], {
    env: { ...env, PORT: env[`${spec.name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? String(spec.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${COLORS[index % COLORS.length]}m${spec.name.padEnd(20)}\x1b[0m|`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${prefix} exited (${signal ?? code}); stopping everything`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

async function waitReady(spec: ServiceSpec, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${spec.port}${spec.readyPath}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${spec.name} was not ready on port ${spec.port} within ${timeoutMs / 1000} s`);
}

async function stopAll(code: number): Promise<void> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)))));
  process.exit(code);
}

async function main(): Promise<void> {
  ensureDevEncryptionKey();
  loadDotenv({ quiet: true, override: false });
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PUBLIC_BASE_URL ??= 'http://127.0.0.1:3001';
  const specs = [...SERVICES];
  if (!env.FRONT_API_URL) {
    env.FRONT_API_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
    specs.unshift({ name: 'front-sandbox', entry: 'apps/front-sandbox/src/main.ts', port: SANDBOX_PORT, readyPath: '/_sandbox/state' });
    console.log(`FRONT_API_URL is unset: starting the Front sandbox on ${env.FRONT_API_URL}`);
  }
  console.log(env.LLM_BASE_URL && env.LLM_MODEL ? `LLM: ${env.LLM_MODEL} at ${env.LLM_BASE_URL}` : 'No LLM configured: the embedded knowledge-only responder answers.');
  specs.forEach((spec, index) => launch(spec, index, env));
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  await Promise.all(specs.map((spec) => waitReady(spec)));
  console.log('\nAll services are ready.');
  console.log('  Dashboard and API   http://127.0.0.1:3002/   (API docs at /docs)');
  console.log('  Webhooks            http://127.0.0.1:3001/webhooks/front/<webhookKey>');
  if (specs[0].name === 'front-sandbox') console.log(`  Front sandbox       ${env.FRONT_API_URL}/_sandbox/state`);
  console.log('Create an organisation: npm run cli -- org:create --name Acme\n');
}

main().catch((error: Error) => {
  console.error(error.message);
  void stopAll(1);
});
