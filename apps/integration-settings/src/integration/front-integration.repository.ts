import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { FrontIntegrationEntity } from './front-integration.entity';

@Injectable()
export class FrontIntegrationRepository {
  constructor(@InjectRepository(FrontIntegrationEntity) private readonly integrations: Repository<FrontIntegrationEntity>) {}

  findIntegrationOfOrg(orgId: string, manager?: EntityManager): Promise<FrontIntegrationEntity | null> {
    return this.repo(manager).findOne({ where: { orgId } });
  }

  /** Locks the org's integration row for a read-modify-write. */
  lockIntegrationOfOrg(orgId: string, manager: EntityManager): Promise<FrontIntegrationEntity | null> {
    return manager.getRepository(FrontIntegrationEntity).findOne({ where: { orgId }, lock: { mode: 'pessimistic_write' } });
  }

  findConnectedIntegrationByWebhookKey(webhookKey: string): Promise<FrontIntegrationEntity | null> {
    return this.integrations.findOne({ where: { webhookKey, connected: true } });
  }

  findConnectedIntegration(orgId: string, integrationId: string): Promise<FrontIntegrationEntity | null> {
    return this.integrations.findOne({ where: { orgId, id: integrationId, connected: true } });
  }

  save(integration: FrontIntegrationEntity, manager: EntityManager): Promise<FrontIntegrationEntity> {
    return manager.getRepository(FrontIntegrationEntity).save(integration);
  }

  create(fields: Partial<FrontIntegrationEntity>): FrontIntegrationEntity {
    return this.integrations.create(fields);
  }

  private repo(manager?: EntityManager): Repository<FrontIntegrationEntity> {
    return manager ? manager.getRepository(FrontIntegrationEntity) : this.integrations;
  }
}
