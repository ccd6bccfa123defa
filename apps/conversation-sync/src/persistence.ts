import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { SYNC_SCHEMA } from './config';
import { ContactEntity } from './contacts/contact.entity';
import { IntegrationStateEntity } from './integrations/integration-state.entity';
import { SyncInitial1764000000100 } from './migrations/1764000000100-sync-initial';
import { SessionOutcomes1764000000300 } from './migrations/1764000000300-session-outcomes';
import { MessageReceivedAt1764000000310 } from './migrations/1764000000310-message-received-at';
import { CopilotDraftFates1764000000400 } from './migrations/1764000000400-copilot-draft-fates';
import { SessionAiDrafted1764000000500 } from './migrations/1764000000500-session-ai-drafted';
import { SessionVersion1764000000600 } from './migrations/1764000000600-session-version';
import { SessionEntity } from './sessions/session.entity';
import { TimelineEntryEntity } from './sessions/timeline-entry.entity';
import { TranscriptEntryEntity } from './transcript/transcript-entry.entity';

export const SYNC_ENTITIES = [IntegrationStateEntity, ContactEntity, SessionEntity, TranscriptEntryEntity, TimelineEntryEntity];

export const SYNC_MIGRATIONS = [createMessagingTablesMigration(SYNC_SCHEMA, 1764000000001), SyncInitial1764000000100, SessionOutcomes1764000000300, MessageReceivedAt1764000000310, CopilotDraftFates1764000000400, SessionAiDrafted1764000000500, SessionVersion1764000000600];

/** The `sync` schema: entities and migrations of conversation-sync. */
export function syncDatabase(url: string) {
  return DatabaseModule.forService({ url, schema: SYNC_SCHEMA, entities: SYNC_ENTITIES, migrations: SYNC_MIGRATIONS });
}
