import type { OperationError } from './operation';

interface ValidationError {
  message: string;
  path?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validationErrors(value: unknown): ValidationError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): ValidationError[] => {
    if (!isRecord(entry) || typeof entry['message'] !== 'string') return [];
    const path = entry['path'] ?? entry['instancePath'] ?? entry['field'];
    return [{ message: entry['message'], path: typeof path === 'string' && path !== '' ? path : undefined }];
  });
}

/**
 * The user-facing reason for an unsuccessful response, read from its RFC 7807 problem body
 * (`title`, `detail`, `errors[]`). A body that is not a problem still yields a reason: the
 * status and whatever text the server sent, never nothing.
 */
export function operationErrorFromResponse(status: number, body: unknown): OperationError {
  const fallbackTitle = `The server answered ${status}`;
  if (isRecord(body)) {
    const title = typeof body['title'] === 'string' && body['title'] !== '' ? body['title'] : fallbackTitle;
    const details: string[] = [];
    if (typeof body['detail'] === 'string' && body['detail'] !== '') details.push(body['detail']);
    for (const error of validationErrors(body['errors'])) {
      details.push(error.path ? `${error.path}: ${error.message}` : error.message);
    }
    return { status, title, detail: details.length > 0 ? details.join('; ') : title };
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return { status, title: fallbackTitle, detail: body.trim().slice(0, 500) };
  }
  return { status, title: fallbackTitle, detail: 'The server gave no further reason.' };
}
