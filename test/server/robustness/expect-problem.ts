import { expect } from '@jest/globals';

interface AnyResponse { status: number; headers: Headers | Record<string, string>; body: any }

export function headerOf(response: AnyResponse, name: string): string | undefined {
  const { headers } = response;
  return headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name.toLowerCase()];
}

/** The answer is an RFC 7807 problem of that status: problem+json with type, title, status and detail. */
export function expectProblem(response: AnyResponse, status: number): void {
  // One object, so a failure shows the whole answer, not just the status that differed.
  expect({ status: response.status, contentType: headerOf(response, 'content-type'), body: response.body }).toMatchObject({
    status,
    contentType: expect.stringMatching(/^application\/problem\+json(;|$)/),
    body: { type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) },
  });
}

/** A 400 from schema validation, whose `errors[]` names the offending field. */
export function expectValidationProblem(response: AnyResponse, pointer: string): void {
  expectProblem(response, 400);
  expect(response.body).toMatchObject({ type: 'https://docket.dev/problems/validation', errors: expect.arrayContaining([expect.objectContaining({ pointer })]) });
}
