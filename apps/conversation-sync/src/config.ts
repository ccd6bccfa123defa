import { Type } from 'class-transformer';
import { IsInt, IsUrl, Min } from 'class-validator';
import { DatabaseEnv, withEncryption } from '@front-agent/service-kit';

/** conversation-sync's environment, validated at boot. */
export class SyncConfig extends withEncryption(DatabaseEnv) {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'FRONT_API_URL must be an http(s) URL' })
  FRONT_API_URL = 'https://api2.frontapp.com';

  /** How often the reconciler reads Front's events API for missed webhooks; 0 turns it off. */
  @Type(() => Number)
  @IsInt({ message: 'RECONCILE_INTERVAL_SECONDS must be a whole number' })
  @Min(0)
  RECONCILE_INTERVAL_SECONDS = 300;

  /** An AI resolution counts only if the conversation stays archived this long (until then: ai_resolved_pending). */
  @Type(() => Number)
  @IsInt({ message: 'OUTCOME_REOPEN_WINDOW_HOURS must be a whole number' })
  @Min(0)
  OUTCOME_REOPEN_WINDOW_HOURS = 72;

  /** No customer reply this long after the AI's answer, not archived: abandoned. */
  @Type(() => Number)
  @IsInt({ message: 'OUTCOME_ABANDON_WINDOW_HOURS must be a whole number' })
  @Min(0)
  OUTCOME_ABANDON_WINDOW_HOURS = 72;

  /** Deliveries of a failing event before it is dead-lettered. */
  @Type(() => Number)
  @IsInt({ message: 'EVENT_MAX_ATTEMPTS must be a whole number' })
  @Min(1)
  EVENT_MAX_ATTEMPTS = 5;

  /** How often outcomes whose window ended are decided again; 0 turns it off. */
  @Type(() => Number)
  @IsInt({ message: 'OUTCOME_REVIEW_INTERVAL_SECONDS must be a whole number' })
  @Min(0)
  OUTCOME_REVIEW_INTERVAL_SECONDS = 60;

}

export const SYNC_PORT = 3003;
export const SYNC_SCHEMA = 'sync';
