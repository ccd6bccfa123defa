/**
 * The chaos suite's checks beyond the sandbox's record: every message on the
 * broker captured for the leak check, the dead-letter queues, cross-tenant
 * access with a second organisation's key, and the Front token and signing
 * secret searched in logs, database, broker messages and API responses.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as amqp from 'amqplib';
import type { E2eSystem } from '../bench/e2e-system';

const run = promisify(execFile);

export interface BrokerCapture {
  messages: string[];
  close(): Promise<void>;
}

/** A queue bound to every routing key of both exchanges, kept in memory, for the leak check. */
export async function captureBroker(url: string): Promise<BrokerCapture> {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  for (const exchange of ['front.events', 'agent.events']) {
    await channel.checkExchange(exchange);
    await channel.bindQueue(queue, exchange, '#');
  }
  const messages: string[] = [];
  await channel.consume(queue, (message) => {
    if (message) messages.push(`${JSON.stringify(message.properties.headers ?? {})} ${message.content.toString('utf8')}`);
  }, { noAck: true });
  let closed = false;
  return {
    messages,
    close: async () => {
      if (closed) return;
      closed = true;
      await connection.close().catch(() => undefined);
    },
  };
}

export async function deadLetters(vhost: string, url: string): Promise<{ name: string; messages: number; samples: string[] }[]> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '-p', vhost, 'name', 'messages']);
  const queues = stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([name]) => name && name.endsWith('.dlq'))
    .map(([name, messages]) => ({ name, messages: Number(messages), samples: [] as string[] }));
  const nonEmpty = queues.filter((queue) => queue.messages > 0);
  if (nonEmpty.length) {
    const connection = await amqp.connect(url);
    const channel = await connection.createChannel();
    for (const queue of nonEmpty) {
      for (let i = 0; i < Math.min(3, queue.messages); i += 1) {
        const message = await channel.get(queue.name, { noAck: false });
        if (!message) break;
        const headers = message.properties.headers ?? {};
        queue.samples.push(`${message.fields.routingKey} ${JSON.stringify(headers['x-death'] ?? headers).slice(0, 200)} ${message.content.toString('utf8').slice(0, 200)}`);
      }
    }
    await connection.close();
  }
  return queues;
}

/** Another org's key against the first org's resources: 50 attempts. */
export async function crossTenant(system: E2eSystem, conversationIds: string[]): Promise<{ attempts: number; successes: number; details: string[] }> {
  const other = system.createOrg('Intruder');
  const own = await system.api(system.adminKey, 'GET', '/v1/sessions');
  const sessionIds: string[] = (own.body?.sessions ?? []).map((session: { id: string }) => session.id);
  const integration = await system.api(system.adminKey, 'GET', '/v1/integrations/front');
  const integrationId: string | undefined = integration.body?.id;
  const before = JSON.stringify(integration.body);
  const secretsOfA = [system.orgId, integrationId, ...sessionIds.slice(0, 20)].filter((value): value is string => Boolean(value));
  const leaksA = (body: unknown) => secretsOfA.some((value) => JSON.stringify(body ?? '').includes(value));
  let attempts = 0;
  let successes = 0;
  const details: string[] = [];
  const attempt = async (method: string, path: string, body?: unknown, ok?: (result: { status: number; body: unknown }) => boolean) => {
    attempts += 1;
    const result = await system.api(other.adminKey, method, path, body);
    const succeeded = ok ? ok(result) : result.status < 300 && leaksA(result.body);
    if (succeeded) {
      successes += 1;
      details.push(`${method} ${path} -> ${result.status}`);
    }
  };
  for (let i = 0; i < 13; i += 1) await attempt('GET', `/v1/sessions/${sessionIds[i % Math.max(1, sessionIds.length)] ?? 'none'}`);
  for (let i = 0; i < 10; i += 1) await attempt('GET', `/v1/sessions?conversationId=${conversationIds[i]}`);
  for (let i = 0; i < 5; i += 1) await attempt('GET', `/v1/sessions/${sessionIds[i] ?? 'none'}?orgId=${system.orgId}`);
  await attempt('GET', `/v1/sessions?orgId=${system.orgId}`);
  for (const path of ['/v1/integrations/front', '/v1/integrations/front/status', '/v1/integrations/front/knowledge', '/v1/integrations/front/teammates', '/v1/audit', '/v1/dead-letters', '/v1/analytics']) {
    await attempt('GET', path);
    await attempt('GET', `${path}?orgId=${system.orgId}`);
  }
  await attempt('PATCH', '/v1/integrations/front', { enabled: false });
  await attempt('DELETE', '/v1/integrations/front');
  await attempt('POST', '/v1/integrations/front/knowledge/sync');
  await attempt('POST', `/v1/dead-letters/${sessionIds[0] ?? 'none'}/replay`);
  // A raw request with the victim's org id in a header.
  attempts += 1;
  const spoofed = await fetch(`${system.settingsUrl}/v1/sessions`, { headers: { authorization: `Bearer ${other.adminKey}`, 'x-org-id': system.orgId } });
  if (spoofed.ok && leaksA(await spoofed.json().catch(() => ({})))) {
    successes += 1;
    details.push('GET /v1/sessions with x-org-id');
  }
  // A forged key, and the first org's integration unchanged by all this.
  attempts += 1;
  const forged = await fetch(`${system.settingsUrl}/v1/sessions`, { headers: { authorization: `Bearer fa_${system.orgId}_forged` } });
  if (forged.ok) {
    successes += 1;
    details.push(`GET /v1/sessions with a forged key -> ${forged.status}`);
  }
  const after = await system.api(system.adminKey, 'GET', '/v1/integrations/front');
  attempts += 1;
  if (JSON.stringify(after.body) !== before) {
    successes += 1;
    details.push('the first org\'s integration changed');
  }
  return { attempts, successes, details };
}

export async function findLeaks(system: E2eSystem, logDir: string, brokerMessages: string[]): Promise<{ found: string[]; scanned: string[] }> {
  const needles = { 'Front token': system.apiToken, 'signing secret': system.appSecret };
  const found: string[] = [];
  const scanned: string[] = [];
  const scan = (where: string, text: string) => {
    for (const [name, value] of Object.entries(needles)) if (text.includes(value)) found.push(`${name} in ${where}`);
  };
  let logBytes = 0;
  for (const file of readdirSync(logDir)) {
    const text = readFileSync(join(logDir, file), 'utf8');
    logBytes += text.length;
    scan(`log ${file}`, text);
  }
  scanned.push(`${readdirSync(logDir).length} service logs (${(logBytes / 1024).toFixed(0)} KiB)`);
  const { stdout: dump } = await run('pg_dump', ['--data-only', system.database.url], { maxBuffer: 512 * 1024 * 1024 });
  scan('the database (pg_dump)', dump);
  scanned.push(`database dump (${(dump.length / 1024).toFixed(0)} KiB)`);
  scan('a broker message', brokerMessages.join('\n'));
  scanned.push(`${brokerMessages.length} broker messages`);
  scan('an API response', system.apiResponses.join('\n'));
  scanned.push(`${system.apiResponses.length} API responses`);
  return { found, scanned };
}
