import { loadConfig } from '@front-agent/service-kit';
import { ResponderConfig } from '../../apps/ai-responder/src/config';
import { SyncConfig } from '../../apps/conversation-sync/src/config';
import { SettingsConfig } from '../../apps/integration-settings/src/config';

describe('every service config', () => {
  it.each([
    ['integration-settings', SettingsConfig],
    ['conversation-sync', SyncConfig],
    ['ai-responder', ResponderConfig],
  ] as const)('%s keeps every variable it declares (an undecorated one would be stripped)', (_name, Config: new () => { FRONT_API_URL: string }) => {
    const env = { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), FRONT_API_URL: 'http://127.0.0.1:9' };
    expect(loadConfig(Config, env).FRONT_API_URL).toBe('http://127.0.0.1:9');
  });

  it('names a malformed FRONT_API_URL', () => {
    expect(() => loadConfig(SyncConfig, { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), FRONT_API_URL: 'nope' })).toThrow(
      /^FRONT_API_URL must be an http\(s\) URL/,
    );
  });
});
