/** An error a user can act on: a stable code, an HTTP status and a plain message. */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated';
  readonly status = 401;
  constructor() {
    super('send an API key as "Authorization: Bearer <key>"; the key given is missing, unknown or revoked');
  }
}

export class AdminRoleRequiredError extends AppError {
  readonly code = 'admin_required';
  readonly status = 403;
  constructor() {
    super('this change needs an admin key; member keys can only read');
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  readonly status = 404;
}

export class ValidationFailedError extends AppError {
  readonly code = 'validation_failed';
  readonly status = 400;
  constructor(readonly fields: string[]) {
    super(fields.join('; '));
  }
}
