// One error type for everything we throw on purpose. `code` is machine-readable
// (`domain:detail`, e.g. `config:invalid`, `not_found:lead`); `hint` tells a human
// or a model what to do next.
export class AppError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
