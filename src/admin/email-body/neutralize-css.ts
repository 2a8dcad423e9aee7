/**
 * CSS from an email, made inert before it is shown: no imports, no IE expressions or bindings,
 * and (until the admin allows them) no url() that would fetch from anywhere. Dangerous constructs
 * are renamed rather than parsed out, so the browser drops them as unknown.
 */
export interface NeutralizedCss {
  css: string;
  blockedUrls: number;
}

/** Images an email may show without asking: inline data and parts of the message itself. */
export const isLocalResource = (url: string) => /^\s*(data:|cid:)/i.test(url);

/** CSS escapes (`\75 rl(`) spell `url(` too: decode them first so the checks below see what the browser sees. */
function decodeCssEscapes(css: string): string {
  return css
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?/gi, (_m, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    })
    .replace(/\\([^\n\r\f0-9a-f])/gi, '$1');
}

export function neutralizeCss(input: string, allowRemote: boolean): NeutralizedCss {
  let blockedUrls = 0;
  const css = decodeCssEscapes(input.replace(/\/\*[\s\S]*?\*\//g, ''))
    // A style element's text must never close the element or open markup.
    .replace(/</g, '')
    .replace(/@import/gi, '@docket-blocked-import')
    .replace(/expression\s*\(/gi, 'docket-blocked(')
    .replace(/-moz-binding/gi, 'docket-blocked')
    .replace(/behavior\s*:/gi, 'docket-blocked:')
    .replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/gi, (match, doubleQuoted?: string, singleQuoted?: string, bare?: string) => {
      const url = doubleQuoted ?? singleQuoted ?? bare ?? '';
      if (allowRemote || isLocalResource(url)) return match;
      blockedUrls++;
      return 'none';
    });
  if (allowRemote) return { css, blockedUrls };
  // image-set() takes plain strings as URLs: without remote images it is renamed, and strings holding an address are emptied.
  const withoutImageSets = css
    .replace(/((?:-webkit-)?image-set)\s*\(/gi, (_m, name: string) => {
      blockedUrls++;
      return `docket-blocked-${name}(`;
    })
    .replace(/"[^"]*\/\/[^"]*"|'[^']*\/\/[^']*'/g, '""');
  return { css: withoutImageSets, blockedUrls };
}
