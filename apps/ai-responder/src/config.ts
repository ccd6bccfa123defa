import { IsOptional, IsString, IsUrl } from 'class-validator';
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
}

export const RESPONDER_PORT = 3004;
export const RESPONDER_SCHEMA = 'responder';
