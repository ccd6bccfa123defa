/**
 * The chaos suite's fault of each round: duplicates only, ai-responder killed
 * mid-reply, conversation-sync killed, the broker or the database "restarted"
 * (proxy cuts, or the machine's servers with real restarts), Front failing the
 * reply route, then calm.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sleep, waitFor } from '../bench/bench-helpers';
import type { E2eSystem } from '../bench/e2e-system';
import type { ServiceProcess } from '../bench/service-process';

const run = promisify(execFile);

export interface Fault {
  name: string;
  /** Runs alongside the round's messages (which take `spreadMs`); resolves when the system is whole again. */
  during(spreadMs: number): Promise<void>;
}

export interface FaultSettings {
  /** Restart the machine's RabbitMQ and PostgreSQL instead of cutting the services' proxies. */
  realRestarts: boolean;
  outageMs: number;
  log: (line: string) => void;
  /** Conversations whose reply the responder was killed in the middle of; round 2 adds to it. */
  killedMidReply: string[];
}

export function faultFor(round: number, system: E2eSystem, settings: FaultSettings): Fault {
  const { realRestarts, outageMs, log } = settings;
  const control = system.sandbox.control;
  switch (round) {
    case 1:
      return { name: '10% duplicate webhooks, reordered within 300 ms', during: async () => undefined };
    case 2:
      return {
        name: 'ai-responder SIGKILLed between the Front reply call and the ack, then restarted',
        during: async () => {
          const [responder] = system.of('ai-responder');
          const killedAt = await killOnNextReply(system, responder);
          log(`  killed ${responder.id} as Front accepted a reply for ${killedAt}`);
          settings.killedMidReply.push(killedAt);
          await responder.kill('SIGKILL');
          await responder.start();
          log(`  ${responder.id} restarted`);
        },
      };
    case 3:
      return {
        name: 'conversation-sync SIGKILLed mid-round, then restarted',
        during: async (spreadMs) => {
          await sleep(spreadMs / 2);
          for (const sync of system.of('conversation-sync')) await sync.kill('SIGKILL');
          log('  conversation-sync killed');
          await sleep(1_000);
          for (const sync of system.of('conversation-sync')) await sync.start();
          log('  conversation-sync restarted');
        },
      };
    case 4:
      return serverOutage(system, settings, {
        name: realRestarts ? 'RabbitMQ restarted (rabbitmqctl stop_app/start_app)' : `RabbitMQ "restarted": every service's AMQP connection cut for ${outageMs} ms`,
        link: 'amqp',
        back: 'broker back',
        restart: async () => {
          await run('rabbitmqctl', ['stop_app']);
          await sleep(outageMs);
          await run('rabbitmqctl', ['start_app']);
        },
      });
    case 5:
      return serverOutage(system, settings, {
        name: realRestarts ? 'PostgreSQL restarted (pg_ctlcluster restart)' : `PostgreSQL "restarted": every service's Postgres connection cut for ${outageMs} ms`,
        link: 'pg',
        back: 'database back',
        restart: async () => {
          const { stdout } = await run('pg_lsclusters', ['--no-header']);
          const [version, cluster] = stdout.trim().split('\n')[0].split(/\s+/);
          await run('pg_ctlcluster', [version, cluster, 'restart']);
        },
      });
    case 6:
      return {
        name: 'the sandbox answers 429 bursts and 503s on the reply route',
        during: async (spreadMs) => {
          const route = { method: 'POST', path: '/conversations/{conversation_id}/messages' };
          // A burst of 429s first, then 5xx on a share of the attempts once the burst is spent.
          const rules = [
            control.addFault({ ...route, status: 429, retryAfterSeconds: 1, times: 10 }),
            control.addFault({ ...route, status: 503, ratio: 0.3, times: 15 }),
            control.addFault({ ...route, status: 502, ratio: 0.1, times: 5 }),
          ];
          const spent = () => control.faults().every((rule) => rule.hits >= (rule.times ?? Infinity));
          await sleep(spreadMs);
          await waitFor(spent, 20_000, 'the fault bursts to be spent', 250).catch(() => undefined);
          const hits = control.faults().map((rule) => `${rule.status}x${rule.hits}`);
          for (const rule of rules) control.removeFault(rule.id);
          log(`  faults applied: ${hits.join(', ')}`);
        },
      };
    default:
      return { name: 'calm (duplicates and reordering continue)', during: async () => undefined };
  }
}

/**
 * The broker or the database away for a while: the machine's server restarted
 * (with real restarts), else every service's proxy to it cut for the outage.
 */
function serverOutage(
  system: E2eSystem,
  { realRestarts, outageMs, log }: FaultSettings,
  outage: { name: string; link: 'amqp' | 'pg'; back: string; restart: () => Promise<void> },
): Fault {
  const links = () => system.services.flatMap((service) => (service.proxies ? [service.proxies[outage.link]] : []));
  return {
    name: outage.name,
    during: async (spreadMs) => {
      await sleep(spreadMs / 3);
      if (realRestarts) {
        await outage.restart();
      } else {
        for (const link of links()) link.cut();
        await sleep(outageMs);
        for (const link of links()) link.restore();
      }
      log(`  ${outage.back}`);
      await waitReady(system, log);
    },
  };
}

/** Resolves with the conversation id once the responder was SIGKILLed as the sandbox accepted one of its replies. */
function killOnNextReply(system: E2eSystem, responder: ServiceProcess): Promise<string> {
  const replies = system.sandbox.control.record().replies;
  const original = replies.push;
  return new Promise((resolvePromise) => {
    replies.push = function (...items) {
      const length = original.apply(this, items);
      replies.push = original;
      // The sandbox has accepted the reply but not answered the HTTP request yet.
      responder.killNow();
      resolvePromise(items[0]?.conversationId ?? '?');
      return length;
    };
  });
}

async function waitReady(system: E2eSystem, log: (line: string) => void): Promise<void> {
  await waitFor(
    async () => {
      const states = await Promise.all(
        system.services.map((service) => fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok).catch(() => false)),
      );
      return states.every(Boolean);
    },
    60_000,
    'every service ready again',
    250,
  ).catch((error: Error) => log(`  ${error.message}`));
}
