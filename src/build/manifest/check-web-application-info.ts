import type { Element } from '@xmldom/xmldom';
import { entraApplicationIdUri } from '../../common/entra-app';
import type { ManifestProblem } from './manifest-problem';
import { childElement, childElements, descendantElements, nameOf, problemAt, textOf } from './xml-elements';
import { isGuid } from '../../common/guid';

/**
 * `<WebApplicationInfo>` (Office single sign-on): `<Id>` is the Entra client id (a GUID) and
 * `<Resource>` is `api://<the add-in's host>/<that id>`, the only shape Office accepts, on the
 * add-in's own origin; at least one `<Scope>`.
 */
export function checkWebApplicationInfo(root: Element, addinOrigin: string | undefined): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const info of descendantElements(root, 'WebApplicationInfo')) {
    const id = childElement(info, 'Id');
    const resource = childElement(info, 'Resource');
    if (id && !isGuid(textOf(id))) {
      problems.push(problemAt('web-application-info', id, `<WebApplicationInfo> <Id> "${textOf(id)}" is not an Entra Application (client) ID (a GUID)`));
    }
    if (!resource) {
      problems.push(problemAt('web-application-info', info, '<WebApplicationInfo> needs a <Resource>, the Application ID URI api://<add-in host>/<client id>'));
    } else if (id && addinOrigin) {
      const expected = entraApplicationIdUri(addinOrigin, textOf(id));
      if (textOf(resource) !== expected) {
        problems.push(problemAt('web-application-info', resource, `<WebApplicationInfo> <Resource> is "${textOf(resource)}", but Office's sign-on needs the Application ID URI ${expected} (the add-in's host and the client id)`));
      }
    }
    const scopes = childElement(info, 'Scopes');
    if (scopes && !childElements(scopes).some((scope) => nameOf(scope) === 'Scope' && textOf(scope) !== '')) {
      problems.push(problemAt('web-application-info', scopes, '<WebApplicationInfo> <Scopes> lists no <Scope>'));
    }
  }
  return problems;
}
