/**
 * A consumer process that dies by SIGKILL right after its handler's
 * transaction committed and before the transport acks: the worst moment for
 * exactly-once effects. Run with `node -r @swc-node/register` from the repo root;
 * AMQP_URL, DATABASE_URL and SERVICE_NAME come from the environment.
 */
import type { InboxOutcome, InboxStore } from '../inbox/inbox-store';
import { EffectWriter } from './effect-writer.handler';
import { startTestService } from './messaging-test-kit';

function killedAfterCommit(inbox: InboxStore): InboxStore {
  return {
    async runOnce<T>(consumer: string, messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>> {
      const outcome = await inbox.runOnce(consumer, messageId, work);
      process.kill(process.pid, 'SIGKILL');
      return outcome;
    },
  };
}

async function main(): Promise<void> {
  const { AMQP_URL, DATABASE_URL, SERVICE_NAME } = process.env;
  if (!AMQP_URL || !DATABASE_URL || !SERVICE_NAME) throw new Error('AMQP_URL, DATABASE_URL and SERVICE_NAME are required');
  await startTestService({
    serviceName: SERVICE_NAME,
    amqpUrl: AMQP_URL,
    database: { url: DATABASE_URL, schema: EffectWriter.schema },
    handlers: [EffectWriter],
    wrapInbox: killedAfterCommit,
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
