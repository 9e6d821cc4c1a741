import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: LogLevel;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login at which a session ends however active it is. */
  sessionMaxHours: number;
  /** Cookies get the Secure flag: on behind HTTPS, off for plain http://localhost. */
  secureCookies: boolean;
  webDist: string;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || 'sqlite:./data/guanxi.db',
    logLevel,
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 8 * 60, 'SESSION_IDLE_MINUTES'),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 7 * 24, 'SESSION_MAX_HOURS'),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: path.resolve(env.WEB_DIST || 'dist/web'),
  };
}
