import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/docket.js');

describe('the docket command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-cli-'));
    env = { ...process.env, DATABASE_URL: path.join(dir, 'docket.db') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const docket = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('node', [BIN, ...args], { env, cwd: dir });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  test('user add, token create (the token alone on stdout), mailbox set and settings work on one database', async () => {
    expect((await docket('user', 'add', 'ann@example.com', '--admin', '--name', 'Ann Admin')).stdout).toContain('incoming=outlook outgoing=outlook');
    const token = await docket('token', 'create', 'ann@example.com');
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^dkt_[A-Za-z0-9_-]{43}\n$/);
    const set = await docket('mailbox', 'set', 'ann@example.com', '--incoming', 'server-side-sync', '--filter', 'all', '--approve');
    expect(set.stdout).toContain('incoming=server-side-sync outgoing=outlook filter=all approved=true');
    expect((await docket('settings', 'set', 'defaultIncomingMethod', 'none')).stdout).toContain('existing mailboxes keep their methods');
    expect(JSON.parse((await docket('settings', 'show')).stdout)).toMatchObject({ defaultIncomingMethod: 'none', maxAttachmentKb: 5120 });
    expect((await docket('user', 'add', 'ben@example.com')).stdout).toContain('incoming=none');
  });

  test('rule violations and bad values fail with a message naming the problem', async () => {
    const queue = await docket('queue', 'add', 'support@example.com', '--incoming', 'outlook');
    expect(queue.code).toBe(1);
    expect(queue.stderr).toContain('A queue cannot use "Dynamics 365 for Outlook"');
    const method = await docket('user', 'add', 'x@example.com').then(() => docket('mailbox', 'set', 'x@example.com', '--outgoing', 'forward-mailbox'));
    expect(method.code).toBe(1);
    expect(method.stderr).toContain('Outgoing mail cannot use forward-mailbox');
    const typo = await docket('mailbox', 'set', 'x@example.com', '--incoming', 'Outlook');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--incoming must be one of none, outlook, server-side-sync, forward-mailbox');
    const setting = await docket('settings', 'set', 'maxBodyKb', '0');
    expect(setting.code).toBe(1);
    expect(setting.stderr).toContain('maxBodyKb must be >= 1');
    expect((await docket('token', 'create', 'nobody@example.com')).stderr).toContain('The user nobody@example.com was not found');
  });

  test('records import reports each bad row with its line and imports the good ones', async () => {
    const csv = path.join(dir, 'records.csv');
    fs.writeFileSync(csv, '\uFEFFtype,name,emails\ncontact,Carol Customer,carol@customer.example\naccount,Contoso,info@contoso.example;sales@contoso.example\nplanet,Mars,\nlead,,x@y.example\ncontact,Bad Address,not-an-address\n');
    const result = await docket('records', 'import', csv);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Imported 2 records; 3 rows rejected.');
    expect(result.stderr).toContain('records.csv:4: type "planet" is not one of contact, account, lead, opportunity, case');
    expect(result.stderr).toContain('records.csv:5: name is empty');
    expect(result.stderr).toContain('records.csv:6: not an email address: not-an-address');
  });

  test('serve listens on HTTPS with a self-signed certificate unless --http is asked for', async () => {
    const child = spawn('node', [BIN, 'serve', '--port', '0'], { env: { ...env, DOCKET_STATIC_DIR: path.join(dir, 'no-dist') }, cwd: dir });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (https:\/\/localhost:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const ca = fs.readFileSync(path.join(dir, '.certs', 'localhost.crt'));
      const body = await new Promise<string>((resolve, reject) => {
        https.get(`${url}/healthz`, { ca }, (response) => {
          let text = '';
          response.on('data', (c: Buffer) => (text += c.toString()));
          response.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
