import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { DatabaseEnv, withEncryption } from '@front-agent/service-kit';

/** ai-responder's environment, validated at boot. */
export class ResponderConfig extends withEncryption(DatabaseEnv) {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'FRONT_API_URL must be an http(s) URL' })
  FRONT_API_URL = 'https://api2.frontapp.com';

  /** Any OpenAI-compatible server; unset: the embedded knowledge-only responder. */
  @IsOptional()
  @IsString()
  LLM_BASE_URL?: string;

  @IsOptional()
  @IsString()
  LLM_API_KEY?: string;

  @IsOptional()
  @IsString()
  LLM_MODEL?: string;

  /** Total time the LLM may take for one answer, retries included; then the AI hands off. */
  @Type(() => Number)
  @IsInt({ message: 'LLM_DEADLINE_MS must be a whole number of milliseconds' })
  @Min(500)
  LLM_DEADLINE_MS = 20_000;

  /** Embedding model for the optional pgvector path; used only when the `vector` extension exists too. */
  @IsOptional()
  @IsString()
  EMBEDDING_MODEL?: string;

  /** How often every connected integration's knowledge is re-synced (default 6 h). */
  @Type(() => Number)
  @IsInt({ message: 'KNOWLEDGE_SYNC_INTERVAL_MS must be a whole number of milliseconds' })
  @Min(60_000)
  KNOWLEDGE_SYNC_INTERVAL_MS = 6 * 60 * 60 * 1000;

  /** How often the sync worker looks for requested runs. */
  @Type(() => Number)
  @IsInt({ message: 'KNOWLEDGE_SYNC_POLL_MS must be a whole number of milliseconds' })
  @Min(50)
  @Max(60_000)
  KNOWLEDGE_SYNC_POLL_MS = 1_000;

  /**
   * Public help-center root used in article links, e.g. https://help.acme.com (`{kb}` is replaced by
   * the knowledge base id). Front's API gives no public article URL; default https://{kb}.help.frontapp.com.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'HELP_CENTER_BASE_URL must be an http(s) URL' })
  HELP_CENTER_BASE_URL?: string;
}

export const RESPONDER_PORT = 3004;
export const RESPONDER_SCHEMA = 'responder';
/**
 * Deliveries in flight per consumer channel. A reply request holds no database
 * connection while it waits for Front and the LLM, so this bounds answers in
 * flight: 128 / 0.85 s is about 150 answers a second per replica with an
 * 800 ms LLM, 40 with a 3 s one (32 held an 800 ms run at 36 conv/s).
 */
export const RESPONDER_PREFETCH = 128;
