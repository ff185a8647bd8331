/**
 * Domain code throws DomainError with a code; one global filter maps codes to HTTP statuses.
 * Nothing below the controllers knows about HTTP.
 */
export enum ErrorCode {
  Validation = 'VALIDATION',
  BadRequest = 'BAD_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  StaleUpdate = 'STALE_UPDATE',
  FileFormat = 'FILE_FORMAT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  /** The password was set by an administrator: the person must choose their own first. */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** The database is busy with another's long write (a register import): try again shortly. */
  Busy = 'BUSY',
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorDetails {
  errors?: FieldProblem[];
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.Validation, `${field}: ${message}`, { errors: [{ field, message }] });
  }

  /** The one 409 for an event a lifecycle's state does not allow: "EVENT is not allowed while the X is STATE". */
  static illegalTransition(
    entityType: string,
    state: string,
    event: string,
    extra: DomainErrorDetails = {},
  ): DomainError {
    return new DomainError(
      ErrorCode.IllegalTransition,
      `${event} is not allowed while the ${entityType} is ${state}`,
      {
        ...extra,
        state,
        event,
      },
    );
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} ${id} was not found`);
  }
}
