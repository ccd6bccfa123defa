import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyService } from '../auth/api-key.service';
import { Role } from '../auth/api-key.entity';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../errors/app-errors';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationService {
  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly apiKeys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  /** Creates an organisation and its first admin key (shown once). */
  async createOrganization(name: string): Promise<{ orgId: string; adminKey: string }> {
    const orgId = `org_${randomBytes(8).toString('hex')}`;
    await this.orgs.insertOrganization({ id: orgId, name });
    const { id, key } = await this.apiKeys.createKey(orgId, 'admin');
    await this.audit.record(orgId, 'cli', 'org.created', { name, adminKeyId: id });
    return { orgId, adminKey: key };
  }

  async createKey(orgId: string, role: Role): Promise<{ id: string; key: string }> {
    if (!(await this.orgs.findOrganization(orgId))) throw new NotFoundError(`no organisation ${orgId}`);
    const created = await this.apiKeys.createKey(orgId, role);
    await this.audit.record(orgId, 'cli', 'key.created', { keyId: created.id, role });
    return created;
  }
}
