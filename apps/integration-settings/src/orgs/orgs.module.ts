import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { ApiKeyService } from '../auth/api-key.service';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
import { OrganizationEntity } from './organization.entity';
import { OrganizationRepository } from './organization.repository';
import { OrganizationService } from './organization.service';

/** Organisations, API keys and the audit log. */
@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity, ApiKeyEntity, AuditEntryEntity])],
  providers: [OrganizationRepository, OrganizationService, ApiKeyRepository, ApiKeyService, ApiKeyGuard, AuditService],
  exports: [OrganizationRepository, OrganizationService, ApiKeyService, ApiKeyGuard, AuditService],
})
export class OrgsModule {}
