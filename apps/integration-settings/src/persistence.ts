import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { ApiKeyEntity } from './auth/api-key.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { FrontIntegrationEntity } from './integration/front-integration.entity';
import { SettingsInitial1764000000000 } from './migrations/1764000000000-settings-initial';
import { IntegrationActivity1764000000200 } from './migrations/1764000000200-integration-activity';
import { OrganizationEntity } from './orgs/organization.entity';

export const SETTINGS_SCHEMA = 'settings';

export const SETTINGS_ENTITIES = [OrganizationEntity, ApiKeyEntity, AuditEntryEntity, FrontIntegrationEntity];

export const SETTINGS_MIGRATIONS = [
  SettingsInitial1764000000000,
  createMessagingTablesMigration(SETTINGS_SCHEMA, 1764000000001),
  IntegrationActivity1764000000200,
];

/** The `settings` schema: entities and migrations of integration-settings. */
export function settingsDatabase(url: string) {
  return DatabaseModule.forService({
    url,
    schema: SETTINGS_SCHEMA,
    entities: SETTINGS_ENTITIES,
    migrations: SETTINGS_MIGRATIONS,
  });
}
