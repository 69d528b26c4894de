import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * The process logger: JSON lines on stdout. Request logs carry method, route
 * pattern, status and duration only (see app.ts); nothing here may log a
 * request body, a header or a personal detail.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'homeward' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers', 'headers', 'body', 'password', '*.password'], remove: true },
  });
}
