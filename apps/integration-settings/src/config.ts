import { IsOptional, IsString, IsUrl } from 'class-validator';
import { DatabaseEnv, withEncryption } from '@front-agent/service-kit';

/** integration-settings' environment, validated at boot. */
export class SettingsConfig extends withEncryption(DatabaseEnv) {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'FRONT_API_URL must be an http(s) URL' })
  FRONT_API_URL = 'https://api2.frontapp.com';

  /** What webhook URLs start with; defaults to this machine's ingress. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3001';

  @IsOptional()
  @IsString()
  LLM_MODEL?: string;

  @IsOptional()
  @IsString()
  LLM_BASE_URL?: string;
}

export const SETTINGS_PORT = 3002;
