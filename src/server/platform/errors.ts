/** The one error type of the server: `code` is stable, machine-readable and the web's i18n key. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found`, 404);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', message, 403);
export const unauthorized = (message = 'Sign in first') => new AppError('unauthorized', message, 401);
export const conflict = (code: string, message: string, fields?: Record<string, string>) => new AppError(code, message, 409, fields);
export const badRequest = (code: string, message: string, fields?: Record<string, string>) => new AppError(code, message, 400, fields);
export const versionConflict = () => new AppError('version_conflict', 'The record was changed by someone else; reload it and try again', 409);
