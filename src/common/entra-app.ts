/**
 * The one Application ID URI of Docket's Entra app registration, for every way the add-in and
 * the admin console ask for a token: `api://<add-in host>/<client id>`. Office's own single
 * sign-on (the event runtime, `Office.auth.getAccessToken`) only accepts an Application ID URI
 * of this shape, naming the host the add-in is served from; MSAL (the task pane through nested
 * app authentication, the admin console) asks for the same scope, so IT registers one URI.
 */
export const ENTRA_API_SCOPE_NAME = 'access_as_user';

/** `https://tracking.example.com` and a client id → `api://tracking.example.com/<client id>`. */
export function entraApplicationIdUri(addinOrigin: string, clientId: string): string {
  // Not `new URL`: this file also runs where URL may be missing (an ES2016 engine).
  const host = addinOrigin.trim().replace(/^https?:\/\//i, '').replace(/[/?#].*$/, '').toLowerCase();
  return `api://${host}/${clientId.trim()}`;
}

/** The delegated scope the add-in and the console ask for: `api://<host>/<client id>/access_as_user`. */
export function entraAccessScope(addinOrigin: string, clientId: string): string {
  return `${entraApplicationIdUri(addinOrigin, clientId)}/${ENTRA_API_SCOPE_NAME}`;
}
