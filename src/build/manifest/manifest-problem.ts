/** One thing wrong with a manifest: which rule caught it and a sentence that names the element, resid or URL at fault. */
export interface ManifestProblem {
  rule: ManifestRule;
  message: string;
  /** 1-based line in the manifest, when the problem belongs to one element. */
  line?: number;
}

export type ManifestRule =
  | 'well-formed-xml'
  | 'root-element'
  | 'element-order'
  | 'element-type'
  | 'resource-reference'
  | 'resource-id'
  | 'event-handler-registration'
  | 'https-only'
  | 'single-origin'
  | 'app-domain'
  | 'icon-file'
  | 'icon-sizes'
  | 'launch-event'
  | 'send-mode'
  | 'version-format'
  | 'id-format'
  | 'permissions'
  | 'text-length'
  | 'requirement-set'
  | 'web-application-info';

/** Formats a problem as the one line the CLI prints: `manifest.xml: message (line 12)`. */
export function formatManifestProblem(displayPath: string, problem: ManifestProblem): string {
  const where = problem.line === undefined ? '' : ` (line ${problem.line})`;
  return `${displayPath}: ${problem.message}${where}`;
}
