import { IsUrl } from 'class-validator';
import { DatabaseEnv, withEncryption } from '@front-agent/service-kit';

/** conversation-sync's environment, validated at boot. */
export class SyncConfig extends withEncryption(DatabaseEnv) {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'FRONT_API_URL must be an http(s) URL' })
  FRONT_API_URL = 'https://api2.frontapp.com';

}

export const SYNC_PORT = 3003;
export const SYNC_SCHEMA = 'sync';
