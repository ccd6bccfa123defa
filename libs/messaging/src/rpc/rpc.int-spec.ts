import { InvalidMessageError, type ResolveWebhookKeyRequestV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestBroker, type TestBroker } from '@front-agent/testing';
import { randomUUID } from 'node:crypto';
import { RpcError, RpcTimeoutError } from '../messaging-errors';
import { openProbe, sleep, startTestService, type TestService, waitFor } from '../testing/messaging-test-kit';
import { RPC_EXCHANGE } from '../topology/topology';
import { RpcClient } from './rpc-client';
import { DIRECT_REPLY_TO, type RpcReply } from './rpc-reply';

const RESOLVE = 'rpc.settings.resolve-webhook-key';

class WebhookKeyRevokedError extends Error {
  readonly code = 'webhook_key_revoked';
}

@Controller()
class SettingsRpc {
  @MessagePattern(RESOLVE)
  async resolve(@Payload() request: ResolveWebhookKeyRequestV1): Promise<{ found: boolean }> {
    if (request.webhookKey === 'revoked') throw new WebhookKeyRevokedError('this webhook key was revoked');
    if (request.webhookKey === 'forbidden') throw new RpcException({ code: 'forbidden', message: 'not yours' });
    if (request.webhookKey === 'slow') await sleep(1_000);
    return { found: request.webhookKey === 'known' };
  }
}

describe('RPC over RabbitMQ', () => {
  let broker: TestBroker;
  let service: TestService;
  let client: RpcClient;

  beforeAll(async () => {
    broker = await createTestBroker('rpc');
    service = await startTestService({ serviceName: 'settings-svc', amqpUrl: broker.url, handlers: [SettingsRpc] });
    client = service.app.get(RpcClient);
  });

  afterAll(async () => {
    await service.close();
    await broker.drop();
  });

  it('answers a request through direct reply-to', async () => {
    await expect(client.request(RESOLVE, { version: 1, webhookKey: 'known' })).resolves.toEqual({ found: true });
    await expect(client.request(RESOLVE, { version: 1, webhookKey: 'other' })).resolves.toEqual({ found: false });
  });

  it("maps a handler's error to an RpcError with the error's code", async () => {
    const revoked = client.request(RESOLVE, { version: 1, webhookKey: 'revoked' });
    await expect(revoked).rejects.toBeInstanceOf(RpcError);
    await expect(revoked).rejects.toMatchObject({ code: 'webhook_key_revoked', message: 'this webhook key was revoked' });
    await expect(client.request(RESOLVE, { version: 1, webhookKey: 'forbidden' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'not yours',
    });
  });

  it('gives up with RpcTimeoutError when no answer comes in time', async () => {
    const started = Date.now();
    await expect(client.request(RESOLVE, { version: 1, webhookKey: 'slow' }, { timeoutMs: 200 })).rejects.toBeInstanceOf(
      RpcTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('fails fast with no_responder when no service serves the pattern', async () => {
    const request = {
      messageId: randomUUID(),
      orgId: 'org_1',
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId: 'int_1',
    };
    await expect(client.request('rpc.settings.get-front-credentials', request)).rejects.toMatchObject({
      code: 'no_responder',
    });
  });

  it('refuses to send a request that breaks its contract', async () => {
    await expect(client.request(RESOLVE, { version: 2, webhookKey: '' })).rejects.toBeInstanceOf(InvalidMessageError);
  });

  it('answers invalid_message to a request that bypassed the client validation', async () => {
    const probe = await openProbe(broker.url);
    const replies: RpcReply[] = [];
    await probe.channel.consume(DIRECT_REPLY_TO, (m) => m && replies.push(JSON.parse(m.content.toString())), {
      noAck: true,
    });
    probe.channel.publish(RPC_EXCHANGE, RESOLVE, Buffer.from(JSON.stringify({ version: 1 })), {
      replyTo: DIRECT_REPLY_TO,
      correlationId: 'raw-1',
    });
    await waitFor(() => replies.length === 1, 5_000, 'the reply');
    await probe.close();

    expect(replies[0]).toEqual({ error: { code: 'invalid_message', message: expect.stringMatching(/webhookKey/) } });
  });
});
