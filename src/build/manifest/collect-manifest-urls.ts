import type { Element } from '@xmldom/xmldom';
import { allElements, attributeOf, childElements, nameOf, parentElementOf, textOf } from './xml-elements';

export type ManifestUrlKind = 'icon' | 'high-resolution-icon' | 'support' | 'form-source' | 'app-domain' | 'image-resource' | 'url-resource';

/** One URL written in the manifest, with the element that carries it. */
export interface ManifestUrl {
  url: string;
  /** `url` parsed; undefined when it is not an absolute URL. */
  parsed: URL | undefined;
  kind: ManifestUrlKind;
  element: Element;
  /** How messages name it, e.g. `<bt:Image id="Icon.16x16">`. */
  label: string;
}

const KIND_BY_ELEMENT: Readonly<Record<string, ManifestUrlKind>> = {
  IconUrl: 'icon',
  HighResolutionIconUrl: 'high-resolution-icon',
  SupportUrl: 'support',
  SourceLocation: 'form-source',
};

/** Every URL in the manifest: base settings, form sources, AppDomains and resource Images/Urls, locale overrides included. */
export function collectManifestUrls(root: Element): ManifestUrl[] {
  const urls: ManifestUrl[] = [];
  for (const element of allElements(root)) {
    const kind = urlKindOf(element);
    if (!kind) continue;
    if (kind === 'app-domain') {
      urls.push(manifestUrl(textOf(element), kind, element, '<AppDomain>'));
      continue;
    }
    const label = labelOf(element);
    const defaultValue = attributeOf(element, 'DefaultValue');
    if (defaultValue !== undefined) urls.push(manifestUrl(defaultValue, kind, element, label));
    for (const override of childElements(element).filter((child) => nameOf(child) === 'Override')) {
      const value = attributeOf(override, 'Value');
      const locale = attributeOf(override, 'Locale') ?? '?';
      if (value !== undefined) urls.push(manifestUrl(value, kind, override, `${label} (override for ${locale})`));
    }
  }
  return urls;
}

/** An absolute URL, or undefined for text that is not one. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function manifestUrl(url: string, kind: ManifestUrlKind, element: Element, label: string): ManifestUrl {
  return { url, parsed: parseUrl(url), kind, element, label };
}

function urlKindOf(element: Element): ManifestUrlKind | undefined {
  const name = nameOf(element);
  if (name === 'AppDomain') return 'app-domain';
  const parent = parentElementOf(element);
  const parentName = parent ? nameOf(parent) : '';
  if (name === 'Image' && parentName === 'Images') return 'image-resource';
  if (name === 'Url' && parentName === 'Urls') return 'url-resource';
  // A SourceLocation with a resid points at a resource; only the base manifest's carry a DefaultValue URL.
  if (name === 'SourceLocation' && attributeOf(element, 'DefaultValue') === undefined) return undefined;
  return KIND_BY_ELEMENT[name];
}

function labelOf(element: Element): string {
  const id = attributeOf(element, 'id');
  const prefix = nameOf(element) === 'Image' || nameOf(element) === 'Url' ? 'bt:' : '';
  return id === undefined ? `<${prefix}${nameOf(element)}>` : `<${prefix}${nameOf(element)} id="${id}">`;
}
