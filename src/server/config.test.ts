import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const cwd = '/srv/homeward';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, {}, cwd);
    expect(config).toMatchObject({
      dataDir: '/srv/homeward/data',
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 8080,
      logLevel: 'info',
      trustProxy: 0,
      masterKey: { kind: 'file', path: '/srv/homeward/keys/master.key' },
    });
  });

  it('puts the keys in ./keys of the working folder wherever the data folder is, as the README says', () => {
    const config = loadConfig({ HOMEWARD_DATA_DIR: '/var/lib/homeward/data' }, {}, cwd);
    expect(config.keysDir).toBe('/srv/homeward/keys');
    expect(config.masterKey).toEqual({ kind: 'file', path: '/srv/homeward/keys/master.key' });
    expect(loadConfig({ HOMEWARD_KEYS_DIR: '/etc/homeward' }, {}, cwd).keysDir).toBe('/etc/homeward');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({}, {}, cwd);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.masterKey)).toBe(true);
  });

  it('reads every variable from the environment', () => {
    const config = loadConfig(
      {
        HOMEWARD_DATA_DIR: '/var/lib/homeward',
        DATABASE_URL: 'postgres://app@db.internal/homeward',
        HOST: '0.0.0.0',
        PORT: '9000',
        LOG_LEVEL: 'warn',
        HOMEWARD_MASTER_KEY_FILE: '/etc/homeward/master.key',
        HOMEWARD_TRUST_PROXY: '1',
      },
      {},
      cwd,
    );
    expect(config).toMatchObject({
      dataDir: '/var/lib/homeward',
      databaseUrl: 'postgres://app@db.internal/homeward',
      host: '0.0.0.0',
      port: 9000,
      logLevel: 'warn',
      trustProxy: 1,
      masterKey: { kind: 'file', path: '/etc/homeward/master.key' },
    });
  });

  it('lets CLI flags win over the environment', () => {
    const config = loadConfig({ PORT: '9000', HOST: '0.0.0.0' }, { port: '9100', dataDir: 'elsewhere' }, cwd);
    expect(config.port).toBe(9100);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.join(cwd, 'elsewhere'));
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT must be a whole number \(got "eighty"\)/],
    ['PORT', { PORT: '70000' }, /PORT must be from 0 to 65535/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['HOMEWARD_TRUST_PROXY', { HOMEWARD_TRUST_PROXY: '-1' }, /HOMEWARD_TRUST_PROXY must be 0 or more/],
  ])('names %s when its value is bad', (variable, env, message) => {
    expect(() => loadConfig(env, {}, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, {}, cwd)).toThrow(message);
    try {
      loadConfig(env, {}, cwd);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, {}, cwd)).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it('refuses a master key file inside the data folder', () => {
    expect(() =>
      loadConfig({ HOMEWARD_DATA_DIR: '/d', HOMEWARD_MASTER_KEY_FILE: '/d/keys/master.key' }, {}, cwd),
    ).toThrow(/HOMEWARD_MASTER_KEY_FILE must not be inside HOMEWARD_DATA_DIR/);
  });

  it('refuses two sources for the master key', () => {
    expect(() => loadConfig({ HOMEWARD_MASTER_KEY: 'abc', HOMEWARD_MASTER_PASSPHRASE: 'p' }, {}, cwd)).toThrow(
      /HOMEWARD_MASTER_KEY and HOMEWARD_MASTER_PASSPHRASE are both set/,
    );
  });

  it('takes the master key from the environment or a passphrase when told to', () => {
    expect(loadConfig({ HOMEWARD_MASTER_KEY: 'abc' }, {}, cwd).masterKey).toEqual({
      kind: 'env',
      variable: 'HOMEWARD_MASTER_KEY',
    });
    expect(loadConfig({ HOMEWARD_MASTER_PASSPHRASE: 'p' }, {}, cwd).masterKey).toEqual({
      kind: 'passphrase',
      variable: 'HOMEWARD_MASTER_PASSPHRASE',
    });
  });
});
