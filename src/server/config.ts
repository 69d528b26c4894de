import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Runtime configuration: environment variables (and CLI flags, which win),
 * parsed once into a frozen object. A bad value stops the process with one
 * line that names the variable.
 */
export interface Config {
  readonly dataDir: string;
  /** Absent: SQLite in the data folder. */
  readonly databaseUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly masterKey: MasterKeySource;
  /** Folder for the installation's keys (master key file by default, audit signing key). Outside the data folder. */
  readonly keysDir: string;
  /** Where the built web app lives; the server serves it as static files. */
  readonly webDir: string;
  /** Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted. */
  readonly trustProxy: number;
  /**
   * Session cookie as `__Host-homeward_session` with Secure (the default). Off
   * only for plain-HTTP development on an address other than localhost.
   */
  readonly cookieSecure: boolean;
  /** Largest evidence file an upload may carry, in bytes. */
  readonly evidenceMaxBytes: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Where the master key comes from (used by the protected-data layer). The key
 * never lives in the database or the data folder's backups.
 */
export type MasterKeySource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly variable: 'HOMEWARD_MASTER_KEY' }
  | { readonly kind: 'passphrase'; readonly variable: 'HOMEWARD_MASTER_PASSPHRASE' };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** CLI flags that override their environment variable. */
export interface ConfigOverrides {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
  logLevel?: string | undefined;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Homeward reads, with the zod schema of its raw text. */
const VARIABLES = {
  HOMEWARD_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be from 0 to 65535')
    .max(65535, 'must be from 0 to 65535')
    .default(8080),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  HOMEWARD_KEYS_DIR: z.string().min(1).optional(),
  HOMEWARD_MASTER_KEY_FILE: z.string().min(1).optional(),
  HOMEWARD_MASTER_KEY: z.string().min(1).optional(),
  HOMEWARD_MASTER_PASSPHRASE: z.string().min(1).optional(),
  HOMEWARD_WEB_DIR: z.string().min(1).optional(),
  HOMEWARD_COOKIE_SECURE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  HOMEWARD_TRUST_PROXY: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(10, 'must be at most 10')
    .default(0),
  HOMEWARD_EVIDENCE_MAX_MB: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be from 1 to 10240')
    .max(10240, 'must be from 1 to 10240')
    .default(100),
} as const;

export type ConfigVariable = keyof typeof VARIABLES;

/** Every variable's name: the README's table and .env.example are checked against this list. */
export const CONFIG_VARIABLES = Object.keys(VARIABLES) as ConfigVariable[];

function parseVariable<K extends ConfigVariable>(name: K, raw: string | undefined): z.output<(typeof VARIABLES)[K]> {
  // An empty variable means "not set", as in most shells' `VAR=` idiom.
  const value = raw === '' ? undefined : raw;
  const result = VARIABLES[name].safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(name, `${issue?.message ?? 'is not valid'} (got "${value ?? ''}")`);
  }
  return result.data as z.output<(typeof VARIABLES)[K]>;
}

/**
 * Reads the configuration from `env` (normally process.env) and CLI overrides.
 * Relative paths are resolved against `cwd`.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
  cwd: string = process.cwd(),
): Config {
  const dataDir = path.resolve(cwd, parseVariable('HOMEWARD_DATA_DIR', overrides.dataDir ?? env.HOMEWARD_DATA_DIR));
  const keySources = (
    ['HOMEWARD_MASTER_KEY_FILE', 'HOMEWARD_MASTER_KEY', 'HOMEWARD_MASTER_PASSPHRASE'] as const
  ).filter((name) => parseVariable(name, env[name]) !== undefined);
  if (keySources.length > 1) {
    throw new ConfigError(keySources.join(' and '), 'are both set: choose one source for the master key');
  }
  // By default ./keys of the working folder, as the default data folder is
  // ./data: beside it, never inside, so a copy of the data folder alone does
  // not carry the keys.
  const keysDir = path.resolve(cwd, parseVariable('HOMEWARD_KEYS_DIR', env.HOMEWARD_KEYS_DIR) ?? './keys');
  if (isInside(keysDir, dataDir)) {
    throw new ConfigError('HOMEWARD_KEYS_DIR', 'must not be inside HOMEWARD_DATA_DIR');
  }
  const keyFile = parseVariable('HOMEWARD_MASTER_KEY_FILE', env.HOMEWARD_MASTER_KEY_FILE);
  let masterKey: MasterKeySource;
  if (keySources[0] === 'HOMEWARD_MASTER_KEY') {
    masterKey = { kind: 'env', variable: 'HOMEWARD_MASTER_KEY' };
  } else if (keySources[0] === 'HOMEWARD_MASTER_PASSPHRASE') {
    masterKey = { kind: 'passphrase', variable: 'HOMEWARD_MASTER_PASSPHRASE' };
  } else {
    const keyPath = path.resolve(cwd, keyFile ?? path.join(keysDir, 'master.key'));
    if (isInside(keyPath, dataDir)) {
      throw new ConfigError('HOMEWARD_MASTER_KEY_FILE', 'must not be inside HOMEWARD_DATA_DIR');
    }
    masterKey = { kind: 'file', path: keyPath };
  }
  const webDir = parseVariable('HOMEWARD_WEB_DIR', env.HOMEWARD_WEB_DIR);

  return Object.freeze({
    dataDir,
    databaseUrl: parseVariable('DATABASE_URL', overrides.databaseUrl ?? env.DATABASE_URL),
    host: parseVariable('HOST', overrides.host ?? env.HOST),
    port: parseVariable('PORT', overrides.port ?? env.PORT),
    logLevel: parseVariable('LOG_LEVEL', overrides.logLevel ?? env.LOG_LEVEL),
    masterKey: Object.freeze(masterKey),
    keysDir,
    webDir: path.resolve(cwd, webDir ?? defaultWebDir()),
    trustProxy: parseVariable('HOMEWARD_TRUST_PROXY', env.HOMEWARD_TRUST_PROXY),
    cookieSecure: parseVariable('HOMEWARD_COOKIE_SECURE', env.HOMEWARD_COOKIE_SECURE),
    evidenceMaxBytes: parseVariable('HOMEWARD_EVIDENCE_MAX_MB', env.HOMEWARD_EVIDENCE_MAX_MB) * 1024 * 1024,
  });
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** dist/web of this package, whether running from src/ (tsx) or dist/ (compiled). */
function defaultWebDir(): string {
  return fileURLToPath(new URL('../../dist/web', import.meta.url));
}

/** The database kind a configuration points at. */
export function databaseKind(config: Pick<Config, 'databaseUrl'>): 'sqlite' | 'postgres' {
  return config.databaseUrl === undefined ? 'sqlite' : 'postgres';
}
