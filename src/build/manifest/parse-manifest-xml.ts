import { DOMParser, type Document } from '@xmldom/xmldom';
import type { ManifestProblem } from './manifest-problem';

export interface ParsedManifest {
  /** Undefined when the XML is too broken to build a document. */
  document?: Document;
  problems: ManifestProblem[];
}

interface ParserContext {
  locator?: { lineNumber?: number };
}

/**
 * Parses manifest XML and turns every parser complaint (warnings too: Outlook's own
 * parser is stricter than xmldom) into a `well-formed-xml` problem with its line.
 */
export function parseManifestXml(xml: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const report = (message: string, line: number | undefined): void => {
    const text = `the manifest is not well-formed XML: ${message}`;
    if (!problems.some((problem) => problem.message === text && problem.line === line)) {
      problems.push(line === undefined || line < 1 ? { rule: 'well-formed-xml', message: text } : { rule: 'well-formed-xml', message: text, line });
    }
  };
  const parser = new DOMParser({
    locator: true,
    onError: (_level, message, context: ParserContext | undefined) => report(message, context?.locator?.lineNumber),
  });
  try {
    const document = parser.parseFromString(xml, 'text/xml');
    return { document, problems };
  } catch (error) {
    const located = error as { message?: string; locator?: { lineNumber?: number } };
    report(String(located.message ?? error), located.locator?.lineNumber);
    return { problems };
  }
}
