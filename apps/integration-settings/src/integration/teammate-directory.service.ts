import { Injectable } from '@nestjs/common';
import { SecretBox } from '@front-agent/service-kit';
import type { Principal } from '../auth/api-key.service';
import { FrontConnectionService, connectErrorOf } from './front-connection.service';
import { IntegrationService } from './integration.service';

export interface TeammateView {
  id: string;
  name: string;
  email: string;
  isAvailable: boolean;
  isBlocked: boolean;
}

/** The connected company's teammates, listed live from Front. */
@Injectable()
export class TeammateDirectory {
  constructor(
    private readonly lifecycle: IntegrationService,
    private readonly front: FrontConnectionService,
    private readonly secrets: SecretBox,
  ) {}

  async listTeammates(principal: Principal): Promise<TeammateView[]> {
    const integration = await this.lifecycle.requireConnected(principal.orgId);
    const client = this.front.clientFor(this.secrets.open(integration.apiToken!));
    const teammates = await client.listTeammates().catch((error: unknown) => {
      throw connectErrorOf(error);
    });
    return teammates.map((teammate) => ({
      id: teammate.id,
      name: [teammate.first_name, teammate.last_name].filter(Boolean).join(' ') || teammate.username || teammate.email,
      email: teammate.email,
      isAvailable: teammate.is_available,
      isBlocked: teammate.is_blocked,
    }));
  }
}
