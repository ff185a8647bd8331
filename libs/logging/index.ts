export { LOG_DESTINATION, logFormat, standardLogDestination } from './log-destination.js';
export { LoggingModule } from './logging.module.js';
export { applyRequestLogging } from './request-logger.js';
