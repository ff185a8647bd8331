import { pino, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT: `json` (one object per line; the default when NODE_ENV=production) or `pretty`. */
export function logFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  const format = env.LOG_FORMAT?.trim() || (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  if (format !== 'json' && format !== 'pretty') {
    throw new Error(`LOG_FORMAT must be json or pretty, not ${JSON.stringify(env.LOG_FORMAT)}`);
  }
  return format;
}

/** Where the log lines go unless a test says otherwise: standard output, as JSON or readable lines. */
export function standardLogDestination(format: LogFormat = logFormat()): DestinationStream {
  if (format === 'json') return pino.destination({ dest: 1, sync: true });
  return pretty({
    destination: 1,
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
}

/** The injection token for the destination: tests provide a stream that collects the lines. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * nestjs-pino builds one pino logger per process, from the first app's options, and keeps it.
 * Its destination is this switch, so that each app started in the process (tests start several)
 * writes where its own LOG_DESTINATION says; the latest app started wins.
 */
class ProcessLogDestination implements DestinationStream {
  private target: DestinationStream | undefined;

  use(target: DestinationStream): void {
    this.target = target;
  }

  write(line: string): void {
    (this.target ??= standardLogDestination()).write(line);
  }
}

export const processLogDestination = new ProcessLogDestination();
