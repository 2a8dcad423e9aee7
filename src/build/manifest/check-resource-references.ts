import type { Element } from '@xmldom/xmldom';
import type { ManifestProblem } from './manifest-problem';
import { allElements, attributeOf, childElement, childElements, closestElement, describeElement, descendantElements, nameOf, pathOf, problemAt, xsiTypeOf } from './xml-elements';

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';

const RESOURCE_KINDS: readonly ResourceKind[] = ['Images', 'Urls', 'ShortStrings', 'LongStrings'];

/** Microsoft caps every resource id and resid at 32 characters. */
const MAX_RESOURCE_ID_LENGTH = 32;

/** Which kind of resource a `resid` on each element must point at. */
const residKindByElement: Readonly<Record<string, ResourceKind>> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  Runtime: 'Urls',
  Override: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
  ToolTip: 'LongStrings',
};

interface ResourceEntry {
  id: string;
  kind: ResourceKind;
  element: Element;
}

/** Every entry of a VersionOverrides' own `<Resources>` (Images, Urls, ShortStrings, LongStrings), with its group. */
function resourceEntries(versionOverrides: Element): { kind: ResourceKind; entry: Element }[] {
  const resources = childElement(versionOverrides, 'Resources');
  if (!resources) return [];
  return childElements(resources).flatMap((group) => {
    const kind = RESOURCE_KINDS.find((candidate) => candidate === nameOf(group));
    return kind ? childElements(group).map((entry) => ({ kind, entry })) : [];
  });
}

/**
 * The resources a VersionOverrides declares, by id. A nested VersionOverrides does not inherit
 * its parent's resources, so each one is indexed on its own.
 */
function indexResources(versionOverrides: Element): Map<string, ResourceEntry> {
  const index = new Map<string, ResourceEntry>();
  for (const { kind, entry } of resourceEntries(versionOverrides)) {
    const id = attributeOf(entry, 'id');
    if (id !== undefined && !index.has(id)) index.set(id, { id, kind, element: entry });
  }
  return index;
}

/** Every `resid` resolves, to the right kind of resource, in its own VersionOverrides; ids are unique and short enough. */
export function checkResourceReferences(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const indexes = new Map<Element, Map<string, ResourceEntry>>();
  for (const versionOverrides of descendantElements(root, 'VersionOverrides')) {
    problems.push(...checkResourceIds(versionOverrides));
    indexes.set(versionOverrides, indexResources(versionOverrides));
  }

  for (const element of allElements(root)) {
    const resid = attributeOf(element, 'resid');
    if (resid === undefined) continue;
    const subject = `resid "${resid}" on ${describeElement(element)} at ${pathOf(element)}`;
    if (resid.length > MAX_RESOURCE_ID_LENGTH) {
      problems.push(problemAt('resource-id', element, `${subject} is ${resid.length} characters long; Microsoft allows at most ${MAX_RESOURCE_ID_LENGTH}`));
    }
    const owner = closestElement(element, 'VersionOverrides');
    if (!owner) {
      problems.push(problemAt('resource-reference', element, `${subject} is outside any <VersionOverrides>, so it cannot refer to a resource`));
      continue;
    }
    const entry = indexes.get(owner)?.get(resid);
    const ownerName = `<VersionOverrides xsi:type="${xsiTypeOf(owner) ?? '?'}">`;
    if (!entry) {
      const declaredElsewhere = [...indexes.values()].some((index) => index.has(resid));
      const hint = declaredElsewhere ? " (it is declared in another VersionOverrides, but a nested VersionOverrides does not inherit its parent's resources)" : '';
      problems.push(problemAt('resource-reference', element, `${subject} does not match any resource in the <Resources> of ${ownerName}${hint}`));
      continue;
    }
    const expectedKind = residKindByElement[nameOf(element)];
    if (expectedKind !== undefined && entry.kind !== expectedKind) {
      problems.push(problemAt('resource-reference', element, `${subject} points at an entry of <bt:${entry.kind}>, but <${nameOf(element)}> needs one of <bt:${expectedKind}>`));
    }
  }
  return problems;
}

function checkResourceIds(versionOverrides: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const seen = new Map<string, ResourceKind>();
  for (const { kind, entry } of resourceEntries(versionOverrides)) {
    const id = attributeOf(entry, 'id');
    if (id === undefined || id === '') {
      problems.push(problemAt('resource-id', entry, `a <bt:${nameOf(entry)}> in <bt:${kind}> has no id`));
      continue;
    }
    if (id.length > MAX_RESOURCE_ID_LENGTH) {
      problems.push(problemAt('resource-id', entry, `resource id "${id}" in <bt:${kind}> is ${id.length} characters long; Microsoft allows at most ${MAX_RESOURCE_ID_LENGTH}`));
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push(problemAt('resource-id', entry, `resource id "${id}" is declared twice (in <bt:${earlier}> and <bt:${kind}>); ids must be unique`));
    } else {
      seen.set(id, kind);
    }
  }
  return problems;
}
