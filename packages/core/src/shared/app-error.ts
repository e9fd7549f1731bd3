import type { ErrorCode, FieldError } from '@kakera/contracts';

/** The one error type core throws; the API maps `code` to a status in one table. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do that') => new AppError('forbidden', message);
export const invalid = (fields: FieldError[], message = 'Invalid input') => new AppError('invalid_input', message, { fields });
