import { buildApp } from '../http/app';
import { readEntraConfigFromEnv, createEntraVerifier } from '../auth/entra-verifier';
import { readServerConfig } from '../config';
import { scheduleHousekeeping } from '../housekeeping';
import { openStore } from '../store/database';
import { ensureOrganization, LOCAL_ORG_ID } from '../store/organizations';
import { loadOrCreateTls } from '../tls';

export interface ServeOptions { port?: number; http?: boolean; host?: string }

/** Starts the service; resolves once listening, with a function that stops it cleanly. */
export async function serve(options: ServeOptions, env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; stop(): Promise<void> }> {
  const config = readServerConfig(env);
  const store = await openStore(config.databaseUrl);
  await ensureOrganization(store.db, LOCAL_ORG_ID, 'Local organisation');
  const entraConfig = readEntraConfigFromEnv(env);
  const tls = options.http ? null : await loadOrCreateTls(env);
  const app = await buildApp({
    store,
    entra: entraConfig ? createEntraVerifier(entraConfig) : null,
    rateLimitPerMinute: config.rateLimitPerMinute,
    staticDir: config.staticDir,
    logger: env.DOCKET_LOG === 'debug' ? { level: 'info' } : false,
    https: tls ? { key: tls.key, cert: tls.cert } : null,
  });
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
  const stopHousekeeping = scheduleHousekeeping(store, (m) => process.stderr.write(`${m}\n`));

  const lines = [
    `Docket is listening on ${url}  (database: ${store.engine} ${store.location})`,
    `  API:        ${url}/api/v1   OpenAPI: ${url}/openapi.json   health: ${url}/healthz`,
    `  Auth:       local tokens${entraConfig ? ' and Entra ID access tokens' : ''}`,
  ];
  if (tls) lines.push(`  TLS:        ${tls.source} — ${tls.certPath}`);
  lines.push(
    '  Get a token: npx docket user add you@example.com --admin && npx docket token create you@example.com',
    `  Sideload:   manifest.xml (Outlook on the web: Get Add-ins > My add-ins > Add a custom add-in > Add from file)`,
    `  Admin:      ${url}/admin`,
    '  No Outlook? Try it in the sandbox: npm run sandbox',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  return {
    url,
    async stop() {
      stopHousekeeping();
      await app.close();
      await store.close();
    },
  };
}
