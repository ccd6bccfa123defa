import { createMessagingTablesMigration } from '@front-agent/messaging';
import { DatabaseModule } from '@front-agent/service-kit';
import { RESPONDER_SCHEMA } from './config';
import { ResponderKnowledge1764000000100 } from './migrations/1764000000100-responder-knowledge';
import { ResponderAnswers1764000000200 } from './migrations/1764000000200-responder-answers';
import { ResponderTermStatistics1764000000300 } from './migrations/1764000000300-responder-term-statistics';
import { ResponderCopilotDrafts1764000000400 } from './migrations/1764000000400-responder-copilot-drafts';
import { ResponderCopilotDraftSession1764000000500 } from './migrations/1764000000500-responder-copilot-draft-session';

// Repositories speak SQL directly (full-text search, upserts); no entities.
export const RESPONDER_ENTITIES = [];

export const RESPONDER_MIGRATIONS = [
  createMessagingTablesMigration(RESPONDER_SCHEMA, 1764000000001),
  ResponderKnowledge1764000000100,
  ResponderAnswers1764000000200,
  ResponderTermStatistics1764000000300,
  ResponderCopilotDrafts1764000000400,
  ResponderCopilotDraftSession1764000000500,
];

/**
 * Reply handlers hold their inbox transaction while they wait for Front and the
 * LLM, and write the effects journal on a second connection: the pool is sized
 * above twice the consumer prefetch (RESPONDER_PREFETCH).
 */
export const RESPONDER_POOL_SIZE = 24;

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
