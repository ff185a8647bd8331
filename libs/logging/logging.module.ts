import { Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { LoggerModule } from 'nestjs-pino';
import { LOG_DESTINATION, processLogDestination, standardLogDestination } from './log-destination.js';
import { requestLogOptions } from './request-log.js';

/**
 * The API's logging: pino through nestjs-pino, which gives Nest's own Logger calls (configureApp
 * hands Nest the pino logger) the request's correlation id. Its middleware runs after the body
 * parser, so it writes no request lines itself: applyRequestLogging, mounted before, does, for
 * requests whose body does not parse as well. The CLI does not use this: see cli-logger.ts.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useFactory: () => standardLogDestination() }],
      inject: [LOG_DESTINATION],
      useFactory: (destination: DestinationStream) => {
        processLogDestination.use(destination);
        return { pinoHttp: [{ ...requestLogOptions(), autoLogging: false }, processLogDestination] };
      },
    }),
  ],
})
export class LoggingModule {}
