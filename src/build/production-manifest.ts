import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatManifestProblem, type ManifestProblem } from './manifest/manifest-problem';
import { DEVELOPMENT_ORIGIN, normalizeProductionOrigin, rewriteManifestOrigin } from './manifest/rewrite-origin';
import { validateManifest } from './manifest/validate-manifest';
import { addWebApplicationInfo } from './manifest/web-application-info';

/** The event bundle's file name: the manifest's JSRuntime.Url and the well-known file both name it. */
export const EVENT_BUNDLE_FILE = 'launchevent.js';
/** Where classic Outlook on Windows looks for the JS files allowed to make CORS requests from the event runtime. */
export const ALLOWED_ADDINS_FILE = '.well-known/microsoft-officeaddins-allowed.json';

export const MISSING_ORIGIN_MESSAGE =
  'The production build needs the origin the add-in is served from: npm run build -- --env origin=https://tracking.example.com (or set DOCKET_ORIGIN). Refusing to build a manifest that points at https://localhost:3000.';

/**
 * The add-in origin of a build: the one given on the command line, else (production only)
 * DOCKET_ORIGIN, else for a development build https://localhost:3000. A DOCKET_ORIGIN exported
 * for production deployments does not leak into `npm start`. Throws when a production build has
 * no origin, or one that is not a bare https origin.
 */
export function resolveAddinOrigin(input: { production: boolean; cliOrigin?: string; environmentOrigin?: string }): string {
  const given = (input.cliOrigin ?? '').trim() || (input.production ? (input.environmentOrigin ?? '').trim() : '');
  if (!given) {
    if (input.production) throw new Error(MISSING_ORIGIN_MESSAGE);
    return DEVELOPMENT_ORIGIN;
  }
  return normalizeProductionOrigin(given);
}

/**
 * The JSON file Office fetches from `<origin>/.well-known/microsoft-officeaddins-allowed.json`:
 * `{ "allowed": [<every hosted JS file allowed SSO/CORS from the event runtime>] }`.
 */
export function allowedAddinsJson(origin: string): string {
  return `${JSON.stringify({ allowed: [`${origin}/${EVENT_BUNDLE_FILE}`] }, null, 2)}\n`;
}

/**
 * The files a build writes for its origin: the rewritten manifest and the well-known allow list.
 * With an Entra client id the manifest also gets `<WebApplicationInfo>`, so the event runtime can
 * sign in through Office's single sign-on.
 */
export function originFiles(manifestXml: string, origin: string, entraClientId = ''): { manifestXml: string; allowedAddinsJson: string } {
  const rewritten = rewriteManifestOrigin(manifestXml, origin);
  return {
    manifestXml: entraClientId.trim() ? addWebApplicationInfo(rewritten, origin, entraClientId) : rewritten,
    allowedAddinsJson: allowedAddinsJson(origin),
  };
}

/**
 * Validates a built add-in folder: its manifest.xml against the built event bundle, its
 * assets/ icons, and the origin every URL must be on. Returns one printable line per problem.
 */
export function validateBuiltAddin(outputDir: string, origin: string): string[] {
  const manifestPath = path.join(outputDir, 'manifest.xml');
  const bundlePath = path.join(outputDir, EVENT_BUNDLE_FILE);
  const missing = [manifestPath, bundlePath].filter((file) => !existsSync(file));
  if (missing.length > 0) return missing.map((file) => `${path.relative(outputDir, file)} was not built`);
  const problems: ManifestProblem[] = validateManifest({
    xml: readFileSync(manifestPath, 'utf8'),
    manifestPath,
    assetsDir: path.join(outputDir, 'assets'),
    eventBundles: [{ path: EVENT_BUNDLE_FILE, text: readFileSync(bundlePath, 'utf8') }],
    expectedOrigin: origin,
  });
  return problems.map((problem) => formatManifestProblem('manifest.xml', problem));
}
