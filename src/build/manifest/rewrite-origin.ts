/** The origin the checked-in manifest points at (`npm start` serves the add-in there). */
export const DEVELOPMENT_ORIGIN = 'https://localhost:3000';

/**
 * Rewrites every `https://localhost:3000` URL in a manifest (AppDomains included) to `origin`,
 * for the production build. Throws when `origin` is not a bare https origin, so a build
 * without a proper origin fails instead of shipping a localhost manifest.
 */
export function rewriteManifestOrigin(xml: string, origin: string): string {
  const target = normalizeProductionOrigin(origin);
  // Not followed by another port digit or host character: https://localhost:30001 is a different origin.
  const developmentUrl = new RegExp(`${escapeRegExp(DEVELOPMENT_ORIGIN)}(?![0-9A-Za-z.-])`, 'g');
  return xml.replace(developmentUrl, target);
}

/** Scheme and authority only: no user info, path, query or fragment (one trailing slash is tolerated). */
const BARE_HTTPS_ORIGIN = /^https:\/\/[^/?#@\s]+\/?$/i;

/** `https://Host.example.com/` → `https://host.example.com`; throws for anything that is not an https origin without path. */
export function normalizeProductionOrigin(origin: string): string {
  const candidate = origin.trim();
  const problem = `the add-in origin must be an https origin without a path, like https://tracking.example.com (got "${origin}")`;
  if (!BARE_HTTPS_ORIGIN.test(candidate)) throw new Error(problem);
  try {
    return new URL(candidate).origin;
  } catch {
    throw new Error(problem);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
