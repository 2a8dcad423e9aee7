/**
 * `npm run sandbox`: builds what is missing, starts the backend with the sandbox beside it, and
 * prints the URL. A development tool, not part of the production build.
 *
 *   npm run sandbox [-- --port 3030] [--host 127.0.0.1] [--database ./data/sandbox.db] [--addin-dir dist]
 *
 * Without --database each run starts from a fresh database in a temporary folder.
 * --addin-dir serves an add-in you built yourself (e.g. `npm run build:dev` into dist/) instead of
 * the sandbox's own production build of it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSandboxBuilt } from './sandbox-build';
import { SandboxServer } from './sandbox-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.DOCKET_SANDBOX_PORT ?? '3030' },
      host: { type: 'string', default: '127.0.0.1' },
      database: { type: 'string' },
      'addin-dir': { type: 'string' },
    },
  });
  const addinDir = values['addin-dir'] ? path.resolve(values['addin-dir']) : undefined;
  await ensureSandboxBuilt({ parts: addinDir ? ['host'] : ['addin', 'host'], log: (line) => process.stdout.write(`${line}\n`) });

  const temporary = values.database ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'docket-sandbox-'));
  const databaseUrl = values.database ? path.resolve(values.database) : path.join(temporary!, 'sandbox.db');
  const server = await SandboxServer.start({ databaseUrl, port: Number(values.port), host: values.host, ...(addinDir && { addinDir }) });

  const lines = [
    '',
    `Docket sandbox: ${server.sandboxUrl}`,
    '  A stand-in for Outlook with the real Docket add-in and backend. Not part of the production build.',
    `  Users:    ${server.accounts.users.map((user) => `${user.name} <${user.address}>`).join(', ')} (switch in the page header)`,
    `  Admin:    ${server.accounts.admin.address}, token ${server.accounts.admin.token}`,
    `  API:      ${server.url}/api/v1   database: ${databaseUrl}${temporary ? ' (temporary)' : ''}`,
    ...(['127.0.0.1', 'localhost', '::1'].includes(values.host) ? [] : ['  WARNING:  the page hands every sandbox token to whoever opens it; keep it on a loopback address.']),
    '  Stop with Ctrl+C.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  const stop = async () => {
    await server.stop().catch(() => undefined);
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
