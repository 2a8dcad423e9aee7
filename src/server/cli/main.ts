import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import { EmailSettings, DEFAULT_EMAIL_SETTINGS } from '../../common/api/settings';
import { SYNC_METHODS, TRACKING_FILTERS, type SyncMethod, type TrackingFilter } from '../../common/sync-methods';
import { readServerConfig } from '../config';
import { HttpProblem } from '../http/problem';
import { openStore, type Store } from '../store/database';
import { createQueueMailbox, patchMailbox } from '../store/mailboxes';
import { ensureOrganization, getEmailSettings, LOCAL_ORG_ID, putEmailSettings } from '../store/organizations';
import { createUser, findUserByEmail, issueLocalToken } from '../store/users';
import { normalizeAddress } from '../../common/tracking-policy';
import { createProgressBar } from './progress-bar';
import { importRecordsCsv } from './records-import';
import { serve } from './serve';

const USAGE = `Usage: docket <command>

  serve [--port N] [--http] [--host H]    start the service (HTTPS unless --http)
  user add <email> [--admin] [--name NAME] a user and their mailbox (org defaults)
  queue add <email> [--name NAME] [--incoming M] [--outgoing M] [--forward]
  token create <email>                    print a new local token (stdout: the token alone)
  mailbox set <email> [--incoming M] [--outgoing M] [--filter F] [--approve]
  settings show                           the Email Configuration Settings
  settings set <key> <value>              e.g. settings set defaultIncomingMethod none
  records import <file.csv>               CSV columns: type,name,emails

  Methods: ${SYNC_METHODS.join(', ')}   Filters: ${TRACKING_FILTERS.join(', ')}
  Every command but serve takes --org ID (default "${LOCAL_ORG_ID}"); DATABASE_URL picks the database.`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'serve') return await runServe([sub, ...rest].filter((a): a is string => a !== undefined));
    if (!command || command === 'help' || command === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 1;
    }
    const store = await openStore(readServerConfig(process.env).databaseUrl);
    try {
      return await runCommand(store, command, sub, rest);
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`docket: ${error.message}\n\n${USAGE}\n`);
    else if (error instanceof HttpProblem) process.stderr.write(`docket: ${error.detail}\n`);
    else process.stderr.write(`docket: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, http: { type: 'boolean' }, host: { type: 'string' } }, strict: true });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const server = await serve({ port, http: values.http ?? false, host: values.host });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  return 0;
}

const orgOption = { org: { type: 'string' as const, default: LOCAL_ORG_ID } };

async function runCommand(store: Store, command: string, sub: string | undefined, rest: string[]): Promise<number> {
  const key = `${command} ${sub ?? ''}`.trim();
  switch (key) {
    case 'user add': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...orgOption, admin: { type: 'boolean' }, name: { type: 'string' } } });
      const email = requireEmail(positionals[0]);
      await ensureOrganization(store.db, values.org, values.org === LOCAL_ORG_ID ? 'Local organisation' : values.org);
      const user = await store.writer.run((trx) => createUser(trx, { orgId: values.org, email, name: values.name, isAdmin: values.admin ?? false }));
      const mailbox = await store.db.selectFrom('mailboxes').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      process.stdout.write(`Added ${user.email}${user.is_admin ? ' (admin)' : ''}; mailbox incoming=${mailbox.incoming_method} outgoing=${mailbox.outgoing_method} filter=${mailbox.tracking_filter}\n`);
      return 0;
    }
    case 'queue add': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { ...orgOption, name: { type: 'string' }, incoming: { type: 'string' }, outgoing: { type: 'string' }, forward: { type: 'boolean' } },
      });
      const address = requireEmail(positionals[0]);
      await ensureOrganization(store.db, values.org, values.org);
      const mailbox = await store.writer.run((trx) =>
        createQueueMailbox(trx, values.org, {
          address,
          name: values.name,
          incomingMethod: optionalMethod(values.incoming, '--incoming'),
          outgoingMethod: optionalMethod(values.outgoing, '--outgoing'),
          isForwardMailbox: values.forward ?? false,
        }),
      );
      process.stdout.write(`Added queue ${mailbox.address}; incoming=${mailbox.incomingMethod} outgoing=${mailbox.outgoingMethod}${mailbox.isForwardMailbox ? ' (forward mailbox)' : ''}\n`);
      return 0;
    }
    case 'token create': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...orgOption, label: { type: 'string', default: 'cli' } } });
      const user = await findUserByEmail(store.db, values.org, requireEmail(positionals[0]));
      const token = await store.writer.run((trx) => issueLocalToken(trx, user.id, values.label));
      process.stdout.write(`${token}\n`);
      return 0;
    }
    case 'mailbox set': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { ...orgOption, incoming: { type: 'string' }, outgoing: { type: 'string' }, filter: { type: 'string' }, approve: { type: 'boolean' } },
      });
      const address = normalizeAddress(requireEmail(positionals[0]));
      const row = await store.db.selectFrom('mailboxes').select('id').where('org_id', '=', values.org).where('address', '=', address).executeTakeFirst();
      if (!row) throw new Error(`No mailbox for ${address}.`);
      const patch = {
        ...(values.incoming !== undefined && { incomingMethod: optionalMethod(values.incoming, '--incoming') }),
        ...(values.outgoing !== undefined && { outgoingMethod: optionalMethod(values.outgoing, '--outgoing') }),
        ...(values.filter !== undefined && { trackingFilter: requireFilter(values.filter) }),
        ...(values.approve && { approved: true }),
      };
      if (Object.keys(patch).length === 0) throw new UsageError('mailbox set needs at least one of --incoming, --outgoing, --filter, --approve');
      const mailbox = await store.writer.run((trx) => patchMailbox(trx, values.org, row.id, patch));
      process.stdout.write(`${mailbox.address}: incoming=${mailbox.incomingMethod} outgoing=${mailbox.outgoingMethod} filter=${mailbox.trackingFilter} approved=${mailbox.approved}\n`);
      return 0;
    }
    case 'settings show': {
      const { values } = parseArgs({ args: rest, options: orgOption });
      await ensureOrganization(store.db, values.org, values.org);
      process.stdout.write(`${JSON.stringify(await getEmailSettings(store.db, values.org), null, 2)}\n`);
      return 0;
    }
    case 'settings set': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: orgOption });
      const [name, raw] = positionals;
      if (!name || raw === undefined) throw new UsageError('settings set needs <key> <value>');
      if (!(name in DEFAULT_EMAIL_SETTINGS)) throw new UsageError(`unknown setting "${name}"; one of: ${Object.keys(DEFAULT_EMAIL_SETTINGS).join(', ')}`);
      await ensureOrganization(store.db, values.org, values.org);
      const current = await getEmailSettings(store.db, values.org);
      const next = { ...current, [name]: parseSettingValue(name as keyof EmailSettings, raw) };
      const checked = validateSettings(next);
      const saved = await store.writer.run((trx) => putEmailSettings(trx, values.org, checked));
      process.stdout.write(`${name} = ${JSON.stringify(saved[name as keyof EmailSettings])}${name.startsWith('default') ? ' (new mailboxes only; existing mailboxes keep their methods)' : ''}\n`);
      return 0;
    }
    case 'records import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: orgOption });
      const file = positionals[0];
      if (!file) throw new UsageError('records import needs a CSV file');
      await ensureOrganization(store.db, values.org, values.org);
      let bar: ReturnType<typeof createProgressBar> | null = null;
      const result = await importRecordsCsv(store, values.org, file, (done, total) => {
        bar ??= createProgressBar(total);
        bar.update(done);
      });
      (bar as ReturnType<typeof createProgressBar> | null)?.finish();
      for (const error of result.errors) process.stderr.write(`${file}:${error.line}: ${error.message}\n`);
      process.stdout.write(`Imported ${result.imported} records; ${result.errors.length} rows rejected.\n`);
      return result.errors.length > 0 ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown command "${key}"`);
  }
}

function requireEmail(value: string | undefined): string {
  if (!value || !/^[^\s@<>",;]+@[^\s@<>",;]+$/.test(value)) throw new UsageError(`an email address is needed, not "${value ?? ''}"`);
  return value;
}

function optionalMethod(value: string | undefined, flag: string): SyncMethod | undefined {
  if (value === undefined) return undefined;
  if (!(SYNC_METHODS as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${SYNC_METHODS.join(', ')}, not "${value}"`);
  return value as SyncMethod;
}

function requireFilter(value: string): TrackingFilter {
  if (!(TRACKING_FILTERS as readonly string[]).includes(value)) throw new UsageError(`--filter must be one of ${TRACKING_FILTERS.join(', ')}, not "${value}"`);
  return value as TrackingFilter;
}

function parseSettingValue(name: keyof EmailSettings, raw: string): unknown {
  const example = DEFAULT_EMAIL_SETTINGS[name];
  if (typeof example === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`${name} is true or false, not "${raw}"`);
    return raw === 'true';
  }
  if (typeof example === 'number') {
    if (!/^\d+$/.test(raw)) throw new UsageError(`${name} is a whole number, not "${raw}"`);
    return Number(raw);
  }
  return raw;
}

/** The same schema as PUT /api/v1/admin/email-settings, so the CLI cannot store what the API would refuse. */
function validateSettings(settings: Record<string, unknown>): EmailSettings {
  const check = new Ajv({ strict: false }).compile<EmailSettings>(EmailSettings);
  if (!check(settings)) {
    const error = check.errors?.[0];
    throw new Error(`${error?.instancePath.slice(1) || 'setting'} ${error?.message ?? 'is invalid'}`);
  }
  if (settings.defaultOutgoingMethod === 'forward-mailbox') throw new Error('defaultOutgoingMethod cannot be forward-mailbox: outgoing mail has no forward mailbox');
  return settings;
}
