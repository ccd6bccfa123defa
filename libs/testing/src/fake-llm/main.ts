import pino from 'pino';
import { startFakeLlm } from './fake-llm';

/** Standalone fake LLM for demos: `node -r @swc-node/register libs/testing/src/fake-llm/main.ts` (FAKE_LLM_PORT, default 3200). */
async function main(): Promise<void> {
  const port = Number(process.env.FAKE_LLM_PORT ?? 3200);
  const llm = await startFakeLlm({ port, host: process.env.FAKE_LLM_HOST ?? '127.0.0.1' });
  pino({ name: 'fake-llm' }).info({ baseURL: llm.baseURL }, 'fake LLM listening (OpenAI-compatible)');
  const stop = () => void llm.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
