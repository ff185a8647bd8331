import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * The CLI's logger: Nest's readable lines, all of them on stderr, so that stdout carries only
 * what the command prints (`--json` output stays parseable). No request logging: there are none.
 */
export class CliLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
