import { AppError, type ErrorDetail } from './errors';

/** What a catalogue entry builds from its arguments when a message alone is not enough. */
export interface ErrorParts {
  message: string;
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

/**
 * One error of a module's catalogue: call it to get the AppError to throw. It carries its code and
 * status, so the catalogue can be read without building errors (the OpenAPI lists are checked
 * against it).
 */
export type ErrorFactory<A extends unknown[] = []> = ((...args: A) => AppError) & {
  readonly code: string;
  readonly status: number;
};

/**
 * Declares an error: its HTTP status, its stable code, and its message (fixed, or made from the
 * arguments, optionally with details and headers).
 */
export function appError<A extends unknown[] = []>(
  status: number,
  code: string,
  message: string | ((...args: A) => string | ErrorParts),
): ErrorFactory<A> {
  const make = (...args: A): AppError => {
    const made = typeof message === 'string' ? message : message(...args);
    const parts: ErrorParts = typeof made === 'string' ? { message: made } : made;
    return new AppError(status, code, parts.message, parts.details, parts.headers);
  };
  return Object.assign(make, { code, status });
}

/** True for an entry made by `appError`. */
export function isErrorFactory(value: unknown): value is ErrorFactory<unknown[]> {
  return (
    typeof value === 'function' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

/** The codes of a catalogue (an object of `appError` entries), without duplicates. */
export function codesOf(catalogue: Record<string, unknown>): string[] {
  return [
    ...new Set(
      Object.values(catalogue)
        .filter(isErrorFactory)
        .map((e) => e.code),
    ),
  ];
}
