import type { Problem } from '../../common/api/primitives';

/** An RFC 7807 answer of the API, kept whole so a form can show `detail` beside the `field` it names. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** Validation errors name a JSON pointer (`/maxBodyKb`, `/emails/2`); the form wants the top-level field. */
function fieldOfPointer(pointer: string | undefined): string | undefined {
  if (!pointer) return undefined;
  return pointer.replace(/^[a-z]+:/i, '').split('/').filter(Boolean)[0];
}

/** Whatever went wrong, in words for the page: the server's detail, or why the request never got an answer. */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Check the connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

/** The server's message for one form field, when the error is about that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  if (error.problem.field === field) return error.message;
  const invalid = error.problem.errors?.find((e) => fieldOfPointer(e.pointer) === field);
  return invalid ? `The server refused this value: it ${invalid.message}.` : undefined;
}

/** True when the error belongs beside one of these fields rather than at the top of the form. */
export function isFieldError(error: unknown, fields: readonly string[]): boolean {
  return fields.some((field) => fieldError(error, field) !== undefined);
}
