import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { TryItRequestV1, TryItResultV1 } from '@front-agent/contracts';
import { TryItService } from './try-it.service';

/** `rpc.responder.try-it`, for the dashboard. */
@Controller()
export class TryItHandler {
  constructor(private readonly tryIt: TryItService) {}

  @MessagePattern('rpc.responder.try-it')
  tryQuestion(@Payload() request: TryItRequestV1): Promise<TryItResultV1> {
    return this.tryIt.tryQuestion(request);
  }
}
