import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { RESPONDER_SCHEMA } from './config';
import { ResponderKnowledge1764000000100 } from './migrations/1764000000100-responder-knowledge';
import { ResponderAnswers1764000000200 } from './migrations/1764000000200-responder-answers';
import { ResponderTermStatistics1764000000300 } from './migrations/1764000000300-responder-term-statistics';
import { ResponderCopilotDrafts1764000000400 } from './migrations/1764000000400-responder-copilot-drafts';
import { ResponderCopilotDraftSession1764000000500 } from './migrations/1764000000500-responder-copilot-draft-session';
import { ResponderConversationLeases1764000000600 } from './migrations/1764000000600-responder-conversation-leases';

// Repositories speak SQL directly (full-text search, upserts); no entities.
export const RESPONDER_ENTITIES = [];

export const RESPONDER_MIGRATIONS = [
  createMessagingTablesMigration(RESPONDER_SCHEMA, 1764000000001),
  ResponderKnowledge1764000000100,
  ResponderAnswers1764000000200,
  ResponderTermStatistics1764000000300,
  ResponderCopilotDrafts1764000000400,
  ResponderCopilotDraftSession1764000000500,
  ResponderConversationLeases1764000000600,
];

/**
 * Reply requests take a connection only for each statement or short
 * transaction, never across a Front or LLM call: a pool well below the consumer
 * prefetch (RESPONDER_PREFETCH) serves them.
 */
export const RESPONDER_POOL_SIZE = 16;

/** The `responder` schema: entities and migrations of ai-responder. */
export function responderDatabase(url: string) {
  return DatabaseModule.forService({
    url,
    schema: RESPONDER_SCHEMA,
    entities: RESPONDER_ENTITIES,
    migrations: RESPONDER_MIGRATIONS,
    poolSize: RESPONDER_POOL_SIZE,
  });
}
