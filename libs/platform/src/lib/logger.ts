import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { loadConfig, LogConfig } from '@linkway/config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Structured logs: one JSON object per line with level, time, context and the fields a
 * caller passes as an object (`logger.log({ msg, referralId, durationMs })`).
 */
export function createLogger(
  service: string,
  env: Record<string, string | undefined> = process.env,
): ConsoleLogger {
  const config = loadConfig('log', LogConfig, env);
  const upTo = LEVELS.indexOf(config.LOG_LEVEL as LogLevel);
  return new ConsoleLogger(service, {
    json: config.LOG_FORMAT === 'json',
    colors: config.LOG_FORMAT === 'pretty',
    logLevels: LEVELS.slice(0, upTo + 1),
  });
}
