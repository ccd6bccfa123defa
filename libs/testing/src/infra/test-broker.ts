import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { baseAmqpUrl } from './infra-urls';

const run = promisify(execFile);

/** A fresh RabbitMQ vhost for one test file; drop() deletes it with everything in it. */
export interface TestBroker {
  url: string;
  vhost: string;
  drop(): Promise<void>;
}

export async function createTestBroker(label = 'test'): Promise<TestBroker> {
  const vhost = `fa_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const base = new URL(baseAmqpUrl());
  const user = decodeURIComponent(base.username || 'guest');
  await brokerAdmin.addVhost(vhost, user);
  const url = new URL(base.toString());
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return { url: url.toString(), vhost, drop: () => brokerAdmin.deleteVhost(vhost) };
}

/**
 * Broker administration for tests: the management HTTP API when it answers,
 * else rabbitmqctl on this machine.
 */
export const brokerAdmin = {
  async addVhost(vhost: string, user: string): Promise<void> {
    if (await managementApi('PUT', `/api/vhosts/${encodeURIComponent(vhost)}`, {})) {
      await managementApi('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`, {
        configure: '.*',
        write: '.*',
        read: '.*',
      });
      return;
    }
    await run('rabbitmqctl', ['-q', 'add_vhost', vhost]);
    await run('rabbitmqctl', ['-q', 'set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
  },
  async deleteVhost(vhost: string): Promise<void> {
    if (await managementApi('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`)) return;
    await run('rabbitmqctl', ['-q', 'delete_vhost', vhost]).catch(() => undefined);
  },
  /** Closes every client connection, as a broker restart would. */
  async closeAllConnections(vhost?: string): Promise<void> {
    const args = vhost ? ['-q', 'close_all_connections', '-p', vhost, 'test'] : ['-q', 'close_all_connections', 'test'];
    await run('rabbitmqctl', args);
  },
};

async function managementApi(method: string, path: string, body?: unknown): Promise<boolean> {
  const base = new URL(baseAmqpUrl());
  const port = process.env.RABBITMQ_MANAGEMENT_PORT ?? '15672';
  const auth = Buffer.from(`${decodeURIComponent(base.username || 'guest')}:${decodeURIComponent(base.password || 'guest')}`);
  try {
    const response = await fetch(`http://${base.hostname}:${port}${path}`, {
      method,
      headers: { authorization: `Basic ${auth.toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
