import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildApp } from '../../server/http/app';
import { openStore, type Store } from '../../server/store/database';
import type { SandboxSeed } from '../common/mail/mail-types';
import { readAddinEntryPoints, type AddinEntryPoints } from './addin-manifest';
import { largeAttachmentContent, LARGE_ATTACHMENT_URL, sampleMailboxes } from './sample-mailbox';
import { SANDBOX_DOMAIN } from './sample-people';
import { ADDIN_BUILD_DIR, HOST_BUILD_DIR, REPOSITORY_ROOT } from './sandbox-build';
import { seedBackend, type SandboxAccounts } from './seed-backend';

/** The one script tag the sandbox swaps: Microsoft's CDN is out of reach here, and Outlook is what the shim stands in for. */
const OFFICE_JS_TAG = /<script\s+src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"\s*><\/script>/g;
export const OFFICE_SHIM_PATH = '/sandbox/office-shim.js';

export interface SandboxServerOptions {
  /** A SQLite file (or any DATABASE_URL the backend takes). */
  databaseUrl: string;
  /** Where the users' tokens are kept (the backend stores only their hashes). Default: beside the database. */
  accountsFile?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The built add-in (taskpane.html, launchevent.html, launchevent.js, manifest.xml). */
  addinDir?: string;
  /** The built sandbox page and shim. */
  hostDir?: string;
  /** "Now" of the sample mailbox (its dates count back from it). */
  now?: number;
}

/**
 * Rewrites an add-in page for the sandbox: only the CDN office.js script tag changes, to the
 * shim. Throws when the page does not have exactly one such tag (then it is not the page the
 * build makes, and serving it would test something else).
 */
export function withOfficeShim(page: string, name: string): string {
  const tags = page.match(OFFICE_JS_TAG) ?? [];
  if (tags.length !== 1) throw new Error(`${name} should load office.js from Microsoft's CDN exactly once; found ${tags.length} such script tags`);
  return page.replace(OFFICE_JS_TAG, `<script src="${OFFICE_SHIM_PATH}"></script>`);
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** The backend of `buildApp`, plus the sandbox page, the shim, the sample mailbox and the add-in pages wired to the shim. */
export class SandboxServer {
  private constructor(
    readonly url: string,
    readonly port: number,
    readonly store: Store,
    readonly accounts: SandboxAccounts,
    readonly databaseUrl: string,
    private readonly app: FastifyInstance,
  ) {}

  static async start(options: SandboxServerOptions): Promise<SandboxServer> {
    const addinDir = options.addinDir ?? ADDIN_BUILD_DIR;
    const hostDir = options.hostDir ?? HOST_BUILD_DIR;
    const manifest = path.join(addinDir, 'manifest.xml');
    if (!fs.existsSync(manifest)) throw new Error(`No built add-in in ${addinDir} (its manifest.xml is missing): build it first, e.g. npm run build:dev for dist/.`);
    const entryPoints = readAddinEntryPoints(fs.readFileSync(manifest, 'utf8'));
    const store = await openStore(options.databaseUrl);
    try {
      const accounts = await seedBackend(store, options.accountsFile ?? `${options.databaseUrl}.sandbox.json`);
      const app = await buildApp({ store, staticDir: addinDir, rateLimitPerMinute: 100_000 });
      registerSandboxRoutes(app, { addinDir, hostDir, entryPoints, seed: seedFor(accounts, entryPoints, options.now ?? Date.now()) });
      await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      return new SandboxServer(`http://${options.host ?? '127.0.0.1'}:${port}`, port, store, accounts, options.databaseUrl, app);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** Stops the backend and the pages with it; the database stays, so a new server on the same port carries on. */
  async stop(): Promise<void> {
    await this.app.close();
    await this.store.close();
  }

  get sandboxUrl(): string {
    return `${this.url}/sandbox/`;
  }

  tokenOf(address: string): string {
    const user = this.accounts.users.find((candidate) => candidate.address === address);
    if (!user) throw new Error(`${address} is not a sandbox user`);
    return user.token;
  }
}

function seedFor(accounts: SandboxAccounts, entryPoints: AddinEntryPoints, now: number): SandboxSeed {
  return {
    sandboxId: accounts.sandboxId,
    domain: SANDBOX_DOMAIN,
    users: accounts.users.map(({ address, name, token }) => ({ address, name, token })),
    admin: { address: accounts.admin.address, name: accounts.admin.name, token: accounts.admin.token },
    addin: entryPoints,
    mailboxes: sampleMailboxes({ now, repositoryRoot: REPOSITORY_ROOT }),
  };
}

function registerSandboxRoutes(app: FastifyInstance, options: { addinDir: string; hostDir: string; entryPoints: AddinEntryPoints; seed: SandboxSeed }): void {
  const { addinDir, hostDir, entryPoints, seed } = options;
  const redirect = async (_request: unknown, reply: FastifyReply) => reply.redirect('/sandbox/');
  app.get('/', redirect);
  app.get('/sandbox', redirect);

  const hostFile = (file: string, type: string) => async (_request: unknown, reply: FastifyReply) =>
    noStore(reply).type(type).send(fs.readFileSync(path.join(hostDir, file)));
  app.get('/sandbox/', hostFile('index.html', 'text/html; charset=utf-8'));
  app.get('/sandbox/sandbox.js', hostFile('sandbox.js', 'text/javascript; charset=utf-8'));
  app.get(OFFICE_SHIM_PATH, hostFile('office-shim.js', 'text/javascript; charset=utf-8'));
  app.get('/sandbox/state.json', async (_request, reply) => noStore(reply).send(seed));
  app.get(LARGE_ATTACHMENT_URL, async (_request, reply) => reply.type('application/zip').send(largeAttachmentContent()));

  // The add-in's own pages, with office.js swapped for the shim. Everything else in the build is served as built.
  for (const page of new Set([entryPoints.taskpaneUrl, entryPoints.eventPageUrl].map((url) => url.split('?')[0]!))) {
    app.get(page, async (_request, reply) => {
      const file = path.join(addinDir, page.replace(/^\/+/, ''));
      return noStore(reply).type('text/html; charset=utf-8').send(withOfficeShim(fs.readFileSync(file, 'utf8'), page));
    });
  }
}
