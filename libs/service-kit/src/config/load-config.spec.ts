import { ConfigError, DatabaseEnv, loadConfig, withEncryption } from '../index';

describe('loadConfig', () => {
  it('fills defaults that run locally', () => {
    const config = loadConfig(DatabaseEnv, {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/front_agent');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('names the bad variable without printing its value', () => {
    try {
      loadConfig(DatabaseEnv, { DATABASE_URL: 'mysql://secret-password@host/db' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('DATABASE_URL');
      expect((error as Error).message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
      expect((error as Error).message).not.toContain('secret-password');
    }
  });

  it('converts numbers and rejects a bad one', () => {
    expect(loadConfig(DatabaseEnv, { PORT: '0' }).PORT).toBe(0);
    expect(() => loadConfig(DatabaseEnv, { PORT: 'abc' })).toThrow(/PORT must be a whole number/);
  });
});

describe('withEncryption', () => {
  class Env extends withEncryption(DatabaseEnv) {}

  it('requires ENCRYPTION_KEY and keeps the base variables', () => {
    expect(() => loadConfig(Env, {})).toThrow(/ENCRYPTION_KEY is required/);
    const config = loadConfig(Env, { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(config.ENCRYPTION_KEY_VERSION).toBe(1);
    expect(config.DATABASE_URL).toMatch(/^postgres:/);
  });
});
