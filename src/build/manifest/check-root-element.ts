import type { Document, Element } from '@xmldom/xmldom';
import type { ManifestProblem } from './manifest-problem';
import { nameOf, problemAt, xsiTypeOf } from './xml-elements';

/** The root must be `<OfficeApp xsi:type="MailApp">`; returns it when it is, so later checks can run. */
export function checkRootElement(document: Document): { root?: Element; problems: ManifestProblem[] } {
  const root = document.documentElement;
  if (!root) return { problems: [{ rule: 'root-element', message: 'the manifest has no root element; expected <OfficeApp xsi:type="MailApp">' }] };
  if (nameOf(root) !== 'OfficeApp') {
    return { problems: [problemAt('root-element', root, `the root element is <${nameOf(root)}>; expected <OfficeApp xsi:type="MailApp">`)] };
  }
  const type = xsiTypeOf(root);
  if (type !== 'MailApp') {
    const found = type === undefined ? 'has no xsi:type' : `has xsi:type="${type}"`;
    return { root, problems: [problemAt('root-element', root, `<OfficeApp> ${found}; an Outlook add-in must be xsi:type="MailApp"`)] };
  }
  return { root, problems: [] };
}
