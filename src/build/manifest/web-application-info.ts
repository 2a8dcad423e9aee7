import { entraApplicationIdUri } from '../../common/entra-app';
import { isGuid } from '../../common/guid';


/** The scopes Office's sign-on asks for to identify the user (no Microsoft Graph scope: Docket reads no Graph data). */
export const WEB_APPLICATION_SCOPES = ['openid', 'profile'] as const;


/**
 * Adds `<WebApplicationInfo>` (Entra client id, `api://<host>/<client id>`, scopes) at the end
 * of the VersionOverrides 1.1, where Microsoft's schema puts it. Office's single sign-on reads it:
 * the event runtime signs in with Entra ID through it. Throws on a client id that is not a GUID,
 * or a manifest that already declares one (two would be ambiguous, and the build owns it).
 */
export function addWebApplicationInfo(xml: string, origin: string, clientId: string): string {
  const id = clientId.trim();
  if (!isGuid(id)) throw new Error(`the Entra client id must be the app registration's Application (client) ID, a GUID (got "${clientId}")`);
  if (/<WebApplicationInfo[\s>]/.test(xml)) throw new Error('manifest.xml already has a <WebApplicationInfo>; the build writes it from the Entra client id, so remove it from the checked-in manifest');
  const close = closingTagOfVersionOverrides11(xml);
  if (close === undefined) throw new Error('manifest.xml has no <VersionOverrides xsi:type="VersionOverridesV1_1"> to put <WebApplicationInfo> in');
  const lineStart = xml.lastIndexOf('\n', close) + 1;
  const closingIndent = /^[ \t]*$/.test(xml.slice(lineStart, close)) ? xml.slice(lineStart, close) : '';
  const indent = `${closingIndent}  `;
  const block = [
    `${indent}<WebApplicationInfo>`,
    `${indent}  <Id>${id}</Id>`,
    `${indent}  <Resource>${entraApplicationIdUri(origin, id)}</Resource>`,
    `${indent}  <Scopes>`,
    ...WEB_APPLICATION_SCOPES.map((scope) => `${indent}    <Scope>${scope}</Scope>`),
    `${indent}  </Scopes>`,
    `${indent}</WebApplicationInfo>`,
  ].join('\n');
  const at = closingIndent ? lineStart : close;
  return `${xml.slice(0, at)}${block}\n${xml.slice(at)}`;
}

/** Index of the `</VersionOverrides>` that closes the VersionOverridesV1_1 element, counting nested ones. */
function closingTagOfVersionOverrides11(xml: string): number | undefined {
  const open = /<VersionOverrides\b[^>]*xsi:type="VersionOverridesV1_1"[^>]*>/.exec(xml);
  if (!open) return undefined;
  const tags = /<VersionOverrides\b[^>]*?(\/?)>|<\/VersionOverrides\s*>/g;
  tags.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    if (match[0].startsWith('</')) depth -= 1;
    else if (match[1] !== '/') depth += 1;
    if (depth === 0) return match.index;
  }
  return undefined;
}
