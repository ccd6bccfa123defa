import { Injectable } from '@nestjs/common';
import { newEnvelope, type Channel, type TryItResultV1 } from '@front-agent/contracts';
import { RpcClient } from '@front-agent/messaging';
import type { Principal } from '../auth/api-key.service';
import { AppError } from '../errors/app-errors';
import { IntegrationService } from '../integration/integration.service';
import type { TryQuestionDto } from './try-it.dto';

class TryItUnavailableError extends AppError {
  readonly code = 'try_it_unavailable';
  readonly status = 503;
  constructor() {
    super('ai-responder did not answer in time; try again in a moment');
  }
}

/** "Try it": asks ai-responder what it would answer, with the integration's current controls and nothing sent to Front. */
@Injectable()
export class TryItService {
  constructor(
    private readonly integrations: IntegrationService,
    private readonly rpc: RpcClient,
  ) {}

  async tryQuestion(principal: Principal, dto: TryQuestionDto): Promise<TryItResultV1> {
    const integration = await this.integrations.requireConnected(principal.orgId);
    const channel: Channel = dto.channel === 'chat' ? 'web' : (dto.channel ?? 'email');
    const request = { ...newEnvelope(principal.orgId), version: 1, integrationId: integration.id, question: dto.question, channel };
    return this.rpc.request<TryItResultV1>('rpc.responder.try-it', request, { timeoutMs: 20_000 }).catch(() => {
      throw new TryItUnavailableError();
    });
  }
}
