import type { Element, Node } from '@xmldom/xmldom';
import type { ManifestProblem, ManifestRule } from './manifest-problem';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const ELEMENT_NODE = 1;

/** The element children of `parent`, in document order (text and comments skipped). */
export function childElements(parent: Element): Element[] {
  const children: Element[] = [];
  for (let node: Node | null = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

/** The first element child named `localName`, if any. */
export function childElement(parent: Element, localName: string): Element | undefined {
  return childElements(parent).find((child) => nameOf(child) === localName);
}

/** Every element in the tree under (and including) `root`, in document order. */
export function allElements(root: Element): Element[] {
  const found: Element[] = [root];
  const visit = (element: Element): void => {
    for (const child of childElements(element)) {
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Every descendant element named `localName` (any namespace prefix), in document order. */
export function descendantElements(root: Element, localName: string): Element[] {
  return allElements(root).filter((element) => element !== root && nameOf(element) === localName);
}

/** The element name without its namespace prefix (`bt:Image` → `Image`). */
export function nameOf(element: Element): string {
  return element.localName ?? element.tagName;
}

/** The `xsi:type` of an element, if it has one. */
export function xsiTypeOf(element: Element): string | undefined {
  const value = element.getAttributeNS(XSI_NAMESPACE, 'type') ?? element.getAttribute('xsi:type');
  return value === null || value === '' ? undefined : value;
}

/** An attribute value, or undefined when absent. */
export function attributeOf(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}

/** Trimmed text content of an element. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').trim();
}

/** The parent element, or undefined at the root. */
export function parentElementOf(element: Element): Element | undefined {
  const parent = element.parentNode;
  return parent && parent.nodeType === ELEMENT_NODE ? (parent as Element) : undefined;
}

/** The closest ancestor (or the element itself) named `localName`. */
export function closestElement(element: Element, localName: string): Element | undefined {
  for (let current: Element | undefined = element; current; current = parentElementOf(current)) {
    if (nameOf(current) === localName) return current;
  }
  return undefined;
}

/** The `xsi:type` of the nearest enclosing VersionOverrides (`VersionOverridesV1_0`, `VersionOverridesV1_1`), if any. */
export function versionOverridesTypeOf(element: Element): string | undefined {
  const versionOverrides = closestElement(element, 'VersionOverrides');
  return versionOverrides ? xsiTypeOf(versionOverrides) : undefined;
}

/** `<Name xsi:type="Type">` — how messages name an element. */
export function describeElement(element: Element): string {
  const type = xsiTypeOf(element);
  return type === undefined ? `<${nameOf(element)}>` : `<${nameOf(element)} xsi:type="${type}">`;
}

/** `OfficeApp > VersionOverrides(VersionOverridesV1_1) > Hosts` — where an element sits. */
export function pathOf(element: Element): string {
  const parts: string[] = [];
  for (let current: Element | undefined = element; current; current = parentElementOf(current)) {
    const type = xsiTypeOf(current);
    parts.unshift(type === undefined ? nameOf(current) : `${nameOf(current)}(${type})`);
  }
  return parts.join(' > ');
}

/** A problem tied to the line of `element`. */
export function problemAt(rule: ManifestRule, element: Element, message: string): ManifestProblem {
  return element.lineNumber === undefined ? { rule, message } : { rule, message, line: element.lineNumber };
}
