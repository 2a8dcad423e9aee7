import DOMPurify from 'dompurify';
import { isLocalResource, neutralizeCss } from './neutralize-css';

export interface SanitizedEmailHtml {
  /** A whole document for an iframe's srcdoc, with its own Content-Security-Policy. */
  document: string;
  /** Remote images (and other remote fetches) removed; 0 means "Load remote images" has nothing to do. */
  blockedRemote: number;
}

/** Elements an email never needs in the console: anything that runs, embeds, submits, or changes the page's base. */
const FORBID_TAGS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'form', 'input', 'button', 'textarea', 'select',
  'option', 'link', 'meta', 'base', 'noscript', 'video', 'audio', 'source', 'track', 'use', 'foreignobject', 'animate', 'set',
  'animatemotion', 'animatetransform',
];
const FORBID_ATTR = ['ping', 'action', 'formaction', 'srcdoc', 'http-equiv'];

const LINK_TAGS = new Set(['a', 'area']);
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/**
 * The second wall: even if something slipped past the sanitizer, the body's own policy allows no
 * script, no frames, and no remote fetch unless the admin asked for remote images.
 */
function bodyPolicy(allowRemote: boolean): string {
  const images = allowRemote ? 'data: cid: http: https:' : 'data: cid:';
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:; script-src 'none'; frame-src 'none'; form-action 'none'`;
}

const FRAME_STYLE =
  'body{margin:12px;font-family:Segoe UI,system-ui,sans-serif;font-size:14px;line-height:1.45;color:#242424;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}pre{white-space:pre-wrap}';

/**
 * An email's HTML body made safe to display, at display time (the stored body stays as received):
 * DOMPurify removes scripts, handlers and dangerous URLs; remote images and CSS url()s are
 * removed until `allowRemote`; links open in a new tab without a referrer or an opener.
 */
export function sanitizeEmailHtml(html: string, options: { allowRemote: boolean }): SanitizedEmailHtml {
  const purifier = DOMPurify(window);
  let blockedRemote = 0;
  const blockIfRemote = (element: Element, attribute: string) => {
    const value = element.getAttribute(attribute);
    if (value === null || options.allowRemote) return;
    const urls = attribute === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
    if (urls.every((url) => url === '' || isLocalResource(url))) return;
    element.removeAttribute(attribute);
    blockedRemote++;
  };

  purifier.addHook('afterSanitizeElements', (node) => {
    if (node.nodeName.toLowerCase() === 'style' && node.textContent) {
      const { css, blockedUrls } = neutralizeCss(node.textContent, options.allowRemote);
      node.textContent = css;
      blockedRemote += blockedUrls;
    }
  });

  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const tag = node.nodeName.toLowerCase();
    for (const attribute of Array.from(node.attributes)) {
      if (/url\s*\(|image-set|expression|@import|\\/i.test(attribute.value) && (attribute.name === 'style' || !['href', 'src', 'alt', 'title'].includes(attribute.name))) {
        const { css, blockedUrls } = neutralizeCss(attribute.value, options.allowRemote);
        node.setAttribute(attribute.name, css);
        blockedRemote += blockedUrls;
      }
    }
    blockIfRemote(node, 'src');
    blockIfRemote(node, 'srcset');
    blockIfRemote(node, 'background');
    blockIfRemote(node, 'poster');
    if (LINK_TAGS.has(tag)) {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_LINK.test(href.trim()) && !href.trim().startsWith('#')) node.removeAttribute('href');
      if (node.hasAttribute('href') && !node.getAttribute('href')!.trim().startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    } else {
      // SVG <image>, <feImage> and friends fetch through href as well.
      for (const name of ['href', 'xlink:href']) {
        const value = node.getAttribute(name);
        if (value !== null && !value.trim().startsWith('#')) blockIfRemote(node, name);
      }
    }
  });

  const body = purifier.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    FORCE_BODY: true,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  }) as string;

  const document =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${bodyPolicy(options.allowRemote)}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${FRAME_STYLE}</style></head><body>${body}</body></html>`;
  return { document, blockedRemote };
}
