import { parseUrl, type ManifestUrl } from './collect-manifest-urls';
import type { ManifestProblem } from './manifest-problem';
import { problemAt } from './xml-elements';

export interface OriginCheckResult {
  /** The one origin every URL must share, when it could be decided. */
  origin?: string;
  problems: ManifestProblem[];
}

/**
 * Every URL is HTTPS and on one origin (the expected one when given, else the task pane's),
 * and AppDomains lists that origin. Docket is served from one origin, so a second origin is a
 * leftover from development or a typo.
 */
export function checkUrlsAndOrigin(urls: readonly ManifestUrl[], expectedOrigin?: string): OriginCheckResult {
  const problems: ManifestProblem[] = [];
  const httpsUrls: { entry: ManifestUrl; parsed: URL }[] = [];

  for (const entry of urls) {
    const { parsed } = entry;
    if (!parsed) {
      problems.push(problemAt('https-only', entry.element, `${entry.label} has "${entry.url}", which is not an absolute https:// URL`));
    } else if (parsed.protocol !== 'https:') {
      problems.push(problemAt('https-only', entry.element, `${entry.label} uses ${entry.url}; every URL in the manifest must be https://`));
    } else {
      httpsUrls.push({ entry, parsed });
    }
  }

  const origin = decideOrigin(expectedOrigin, httpsUrls, problems);
  if (origin === undefined) return { problems };

  for (const { entry, parsed } of httpsUrls) {
    if (parsed.origin !== origin) {
      problems.push(problemAt('single-origin', entry.element, `${entry.label} is on ${parsed.origin}, but every URL must share the add-in's one origin ${origin}`));
    }
  }

  if (!urls.some((entry) => entry.kind === 'app-domain' && entry.parsed?.origin === origin)) {
    problems.push({ rule: 'app-domain', message: `<AppDomains> must list the add-in's origin ${origin} as an <AppDomain>` });
  }
  return { origin, problems };
}

function decideOrigin(expectedOrigin: string | undefined, httpsUrls: { entry: ManifestUrl; parsed: URL }[], problems: ManifestProblem[]): string | undefined {
  if (expectedOrigin !== undefined) {
    const parsed = parseUrl(expectedOrigin);
    if (!parsed || parsed.protocol !== 'https:') {
      problems.push({ rule: 'single-origin', message: `the expected origin "${expectedOrigin}" is not an https:// origin` });
      return undefined;
    }
    return parsed.origin;
  }
  const taskPane = httpsUrls.find(({ entry }) => entry.kind === 'form-source') ?? httpsUrls[0];
  return taskPane?.parsed.origin;
}
