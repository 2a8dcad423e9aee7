/** An error that becomes an RFC 7807 response. Thrown from handlers and jobs; mapped once by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: { rule?: string; field?: string; type?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  get type(): string {
    return this.extra.type ?? (this.extra.rule ? `https://docket.dev/problems/${this.extra.rule}` : 'about:blank');
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'Not Found', `${what} was not found.`);

export const ruleViolation = (rule: string, detail: string, field?: string, status = 422) =>
  new HttpProblem(status, 'Rule violated', detail, { rule, field });
