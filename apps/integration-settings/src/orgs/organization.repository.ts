import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

@Injectable()
export class OrganizationRepository {
  constructor(@InjectRepository(OrganizationEntity) private readonly orgs: Repository<OrganizationEntity>) {}

  insertOrganization(org: Pick<OrganizationEntity, 'id' | 'name'>): Promise<OrganizationEntity> {
    return this.orgs.save(this.orgs.create({ ...org, ticketingSystem: 'builtin' }));
  }

  findOrganization(orgId: string): Promise<OrganizationEntity | null> {
    return this.orgs.findOne({ where: { id: orgId } });
  }

  async setTicketingSystem(orgId: string, ticketingSystem: OrganizationEntity['ticketingSystem']): Promise<void> {
    await this.orgs.update({ id: orgId }, { ticketingSystem });
  }
}
