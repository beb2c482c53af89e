import { LOG_LEVELS, type Logger, type LogLevel, type WazzupHooks } from '../core/logging';
import type { Redact } from '../errors/redact';

/** Where the engine tells what it does: the client's logger (at its level) and its hooks. */
export interface Telemetry {
  /** Whether lines at `level` are written: a line is only built when they are. */
  logs(level: Exclude<LogLevel, 'off'>): boolean;
  log(level: Exclude<LogLevel, 'off'>, line: string): void;
  /** Calls a hook with a record; a throw from the hook is logged, never thrown on. */
  hook<Name extends keyof WazzupHooks>(
    name: Name,
    record: Parameters<NonNullable<WazzupHooks[Name]>>[0],
  ): void;
  /** Whether any hook is set: records are only built when one is. */
  hooked: boolean;
}

/** The telemetry of a client: every line redacted, as errors are. */
export function createTelemetry(options: {
  logger: Logger;
  logLevel: LogLevel;
  hooks: WazzupHooks;
  redact: Redact;
}): Telemetry {
  const { logger, hooks, redact } = options;
  const least = LOG_LEVELS.indexOf(options.logLevel);
  const telemetry: Telemetry = {
    logs: (level) => LOG_LEVELS.indexOf(level) >= least,
    log(level, line) {
      if (!telemetry.logs(level)) return;
      try {
        logger[level](`wazzup: ${redact(line)}`);
      } catch {}
    },
    hooked: Object.keys(hooks).length > 0,
    hook(name, record) {
      const hook = hooks[name] as ((record: unknown) => void) | undefined;
      if (!hook) return;
      try {
        hook(record);
      } catch (error) {
        telemetry.log(
          'warn',
          `the ${name} hook threw: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
  return telemetry;
}
