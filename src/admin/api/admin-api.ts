import type { AdminEmailList, AdminEmailQuery, Overview, RecordImportResult } from '../../common/api/admin';
import type { EmailDetail } from '../../common/api/email';
import type { CreateQueueMailbox, Mailbox, MailboxList, MailboxListQuery, MailboxPatch } from '../../common/api/mailbox';
import type { MeResponse } from '../../common/api/me';
import type { Problem } from '../../common/api/primitives';
import type { CreateRecord, CrmRecord, RecordList, RecordSearchQuery } from '../../common/api/record';
import type { EmailSettings } from '../../common/api/settings';
import { ApiProblem } from './api-problem';

/** Where the console's bearer token comes from: a pasted local token, or Entra ID through MSAL. */
export interface TokenSource {
  getToken(): Promise<string>;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Every backend endpoint the console calls, in one table (DESIGN §3). */
export interface AdminApi {
  me(): Promise<MeResponse>;
  overview(): Promise<Overview>;
  emailSettings(): Promise<EmailSettings>;
  saveEmailSettings(settings: EmailSettings): Promise<EmailSettings>;
  mailboxes(query: MailboxListQuery): Promise<MailboxList>;
  mailbox(id: string): Promise<Mailbox>;
  createQueue(queue: CreateQueueMailbox): Promise<Mailbox>;
  patchMailbox(id: string, patch: MailboxPatch): Promise<Mailbox>;
  emails(query: AdminEmailQuery): Promise<AdminEmailList>;
  email(id: string): Promise<EmailDetail>;
  records(query: RecordSearchQuery): Promise<RecordList>;
  createRecord(record: CreateRecord): Promise<CrmRecord>;
  importRecords(csv: string, firstLine: number): Promise<RecordImportResult>;
}

export function createAdminApi(tokens: TokenSource, onUnauthorized: (problem: ApiProblem) => void): AdminApi {
  async function call<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await tokens.getToken()}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path + queryString(options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : null;
    if (response.ok) return parsed as T;
    const problem = asProblem(parsed, response.status, text);
    const error = new ApiProblem(problem);
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }

  return {
    me: () => call('GET', '/api/v1/me'),
    overview: () => call('GET', '/api/v1/admin/overview'),
    emailSettings: () => call('GET', '/api/v1/admin/email-settings'),
    saveEmailSettings: (settings) => call('PUT', '/api/v1/admin/email-settings', { body: settings }),
    mailboxes: (query) => call('GET', '/api/v1/admin/mailboxes', { query: { ...query } }),
    mailbox: (id) => call('GET', `/api/v1/admin/mailboxes/${encodeURIComponent(id)}`),
    createQueue: (queue) => call('POST', '/api/v1/admin/mailboxes', { body: queue }),
    patchMailbox: (id, patch) => call('PATCH', `/api/v1/admin/mailboxes/${encodeURIComponent(id)}`, { body: patch }),
    emails: (query) => call('GET', '/api/v1/admin/emails', { query: { ...query } }),
    email: (id) => call('GET', `/api/v1/emails/${encodeURIComponent(id)}`),
    records: (query) => call('GET', '/api/v1/records', { query: { ...query } }),
    createRecord: (record) => call('POST', '/api/v1/records', { body: record }),
    importRecords: (csv, firstLine) => call('POST', '/api/v1/admin/records/import', { body: { csv, firstLine } }),
  };
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A proxy or a crash can answer with something else than problem+json: still give the page a sentence. */
function asProblem(body: unknown, status: number, text: string): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') return { ...(body as Problem), status };
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: `The server answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}.` };
}
