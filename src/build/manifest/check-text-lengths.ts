import type { Element } from '@xmldom/xmldom';
import type { ManifestProblem } from './manifest-problem';
import { attributeOf, childElement, childElements, descendantElements, nameOf, problemAt, textOf } from './xml-elements';

/** Microsoft's length limits, in characters. */
const MAX_DISPLAY_NAME = 125;
const MAX_DESCRIPTION = 250;
const MAX_PROVIDER_NAME = 125;
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;
const MAX_RESOURCE_URL = 2048;

/** DisplayName, Description, ProviderName and resource strings and URLs stay within Microsoft's limits. */
export function checkTextLengths(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const check = (element: Element, label: string, value: string | undefined, max: number): void => {
    if (value !== undefined && value.length > max) {
      problems.push(problemAt('text-length', element, `${label} is ${value.length} characters long; Microsoft allows at most ${max}`));
    }
  };

  const displayName = childElement(root, 'DisplayName');
  if (displayName) check(displayName, '<DisplayName DefaultValue>', attributeOf(displayName, 'DefaultValue'), MAX_DISPLAY_NAME);
  const description = childElement(root, 'Description');
  if (description) check(description, '<Description DefaultValue>', attributeOf(description, 'DefaultValue'), MAX_DESCRIPTION);
  const providerName = childElement(root, 'ProviderName');
  if (providerName) check(providerName, '<ProviderName>', textOf(providerName), MAX_PROVIDER_NAME);

  const limits: Readonly<Record<string, number>> = { ShortStrings: MAX_SHORT_STRING, LongStrings: MAX_LONG_STRING, Urls: MAX_RESOURCE_URL };
  for (const resources of descendantElements(root, 'Resources')) {
    for (const group of childElements(resources)) {
      const max = limits[nameOf(group)];
      if (max === undefined) continue;
      for (const entry of childElements(group)) {
        const label = `<bt:${nameOf(entry)} id="${attributeOf(entry, 'id') ?? ''}"> in <bt:${nameOf(group)}>`;
        check(entry, label, attributeOf(entry, 'DefaultValue'), max);
      }
    }
  }
  return problems;
}
