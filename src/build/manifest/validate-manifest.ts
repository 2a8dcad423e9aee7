import path from 'node:path';
import { checkElementOrder, checkElementTypes } from './check-element-order';
import { checkEventHandlerRegistration, type EventBundle } from './check-event-handler-registration';
import { checkIconFiles } from './check-icon-files';
import { checkIdentityFields } from './check-identity-fields';
import { checkLaunchEvents } from './check-launch-events';
import { checkRequirementSets } from './check-requirement-sets';
import { checkResourceReferences } from './check-resource-references';
import { checkRootElement } from './check-root-element';
import { checkTextLengths } from './check-text-lengths';
import { checkUrlsAndOrigin } from './check-urls-and-origin';
import { checkWebApplicationInfo } from './check-web-application-info';
import { collectManifestUrls } from './collect-manifest-urls';
import type { ManifestProblem } from './manifest-problem';
import { parseManifestXml } from './parse-manifest-xml';

export interface ValidateManifestInput {
  xml: string;
  /** Where the manifest lives; icons are looked up in `<its folder>/assets` unless `assetsDir` says otherwise. */
  manifestPath: string;
  /** The folder served at https://<origin>/assets/. */
  assetsDir?: string;
  /** The event bundle text(s) that must register every LaunchEvent FunctionName. */
  eventBundles: readonly EventBundle[];
  /** When given, every URL must be on exactly this origin (the production build passes its origin). */
  expectedOrigin?: string;
}

/**
 * Runs every offline check on an Outlook XML manifest and returns what is wrong, ordered by
 * line; an empty list means the manifest passes. Reads nothing but the icon files.
 */
export function validateManifest(input: ValidateManifestInput): ManifestProblem[] {
  const parsed = parseManifestXml(input.xml);
  if (!parsed.document) return parsed.problems;
  const { root, problems: rootProblems } = checkRootElement(parsed.document);
  if (!root) return [...parsed.problems, ...rootProblems];

  const assetsDir = input.assetsDir ?? path.join(path.dirname(input.manifestPath), 'assets');
  const urls = collectManifestUrls(root);
  const originCheck = checkUrlsAndOrigin(urls, input.expectedOrigin);
  const problems = [
    ...parsed.problems,
    ...rootProblems,
    ...checkElementOrder(root),
    ...checkElementTypes(root),
    ...checkIdentityFields(root),
    ...checkTextLengths(root),
    ...checkResourceReferences(root),
    ...originCheck.problems,
    ...checkIconFiles(root, urls, originCheck.origin, assetsDir),
    ...checkLaunchEvents(root),
    ...checkEventHandlerRegistration(root, input.eventBundles),
    ...checkRequirementSets(root),
    ...checkWebApplicationInfo(root, originCheck.origin),
  ];
  return sortByLine(problems);
}

function sortByLine(problems: ManifestProblem[]): ManifestProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((left, right) => (left.problem.line ?? 0) - (right.problem.line ?? 0) || left.index - right.index)
    .map(({ problem }) => problem);
}
