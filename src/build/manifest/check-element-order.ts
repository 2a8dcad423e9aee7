import type { Element } from '@xmldom/xmldom';
import {
  manifestContentModels,
  typedElements,
  type ContentModel,
  type TypedElement,
} from './manifest-content-model';
import type { ManifestProblem } from './manifest-problem';
import {
  allElements,
  childElements,
  describeElement,
  nameOf,
  parentElementOf,
  pathOf,
  problemAt,
  versionOverridesTypeOf,
  xsiTypeOf,
} from './xml-elements';

/** Checks every element that has a content model: unexpected, out-of-order, missing and repeated children. */
export function checkElementOrder(root: Element, models: readonly ContentModel[] = manifestContentModels): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const element of allElements(root)) {
    const model = contentModelFor(element, models);
    if (model) problems.push(...checkChildren(element, model));
  }
  return problems;
}

/** Checks that elements with a fixed set of `xsi:type` values use one of them. */
export function checkElementTypes(root: Element, known: readonly TypedElement[] = typedElements): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const element of allElements(root)) {
    const entry = known.find((candidate) => candidate.element === nameOf(element) && appliesWithin(candidate.within, element));
    if (!entry) continue;
    const type = xsiTypeOf(element);
    if (type === undefined) {
      problems.push(problemAt('element-type', element, `<${nameOf(element)}> at ${pathOf(element)} has no xsi:type; expected one of ${entry.types.join(', ')}`));
    } else if (!entry.types.includes(type)) {
      problems.push(
        problemAt('element-type', element, `${describeElement(element)} at ${pathOf(element)} is not a known type here; expected one of ${entry.types.join(', ')}`),
      );
    }
  }
  return problems;
}

function contentModelFor(element: Element, models: readonly ContentModel[]): ContentModel | undefined {
  const type = xsiTypeOf(element);
  return models.find(
    (model) =>
      model.element === nameOf(element) &&
      (model.type === undefined || model.type === type) &&
      appliesWithin(model.within, element) &&
      (!model.outsideVersionOverrides || enclosingVersionOverridesType(element) === undefined),
  );
}

function appliesWithin(within: string | undefined, element: Element): boolean {
  return within === undefined || enclosingVersionOverridesType(element) === within;
}

/** The VersionOverrides an element sits in; a nested VersionOverrides sits in its parent's, not its own. */
function enclosingVersionOverridesType(element: Element): string | undefined {
  const parent = parentElementOf(element);
  return parent ? versionOverridesTypeOf(parent) : undefined;
}

function checkChildren(parent: Element, model: ContentModel): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const where = `${describeElement(parent)} at ${pathOf(parent)}`;
  const expectedOrder = model.children.map((slot) => slot.element).join(', ');
  const counts = new Map<string, number>();
  let furthestSlot = -1;
  let furthestName = '';

  for (const child of childElements(parent)) {
    const name = nameOf(child);
    const slot = model.children.findIndex((candidate) => candidate.element === name);
    if (slot === -1) {
      problems.push(problemAt('element-order', child, `<${name}> is not allowed in ${where}; allowed children, in order: ${expectedOrder}`));
      continue;
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (slot < furthestSlot) {
      problems.push(
        problemAt('element-order', child, `<${name}> is out of order in ${where}: it must come before <${furthestName}> (required order: ${expectedOrder})`),
      );
    } else {
      furthestSlot = slot;
      furthestName = name;
    }
  }

  for (const slot of model.children) {
    const count = counts.get(slot.element) ?? 0;
    if (count < slot.min) {
      problems.push(problemAt('element-order', parent, `${where} is missing the required <${slot.element}> element (required order: ${expectedOrder})`));
    } else if (count > slot.max) {
      const allowed = slot.max === 1 ? 'once' : `${slot.max} times`;
      problems.push(problemAt('element-order', parent, `<${slot.element}> appears ${count} times in ${where}; it is allowed at most ${allowed}`));
    }
  }
  return problems;
}
