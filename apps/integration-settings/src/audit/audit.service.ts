import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /** Writes one audit entry; pass the transaction's manager to commit it with the change. */
  async record(orgId: string, actor: string, action: string, changes: Record<string, unknown>, manager?: EntityManager) {
    const repository = manager ? manager.getRepository(AuditEntryEntity) : this.entries;
    await repository.save(repository.create({ orgId, actor, action, changes }));
  }

  listEntriesOfOrg(orgId: string, limit = 100): Promise<AuditEntryEntity[]> {
    return this.entries.find({ where: { orgId }, order: { at: 'DESC', id: 'DESC' }, take: Math.min(limit, 500) });
  }
}
