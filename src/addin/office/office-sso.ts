/** The slice of Office.js's `Office.auth` used here (declared: @types/office-js stays optional). */
interface OfficeAuthLike {
  getAccessToken?(options: { allowSignInPrompt: boolean; allowConsentPrompt: boolean; forMSGraphAccess: boolean }): Promise<string>;
}

/**
 * Office's single sign-on for the event runtime: a token for the app named by the manifest's
 * `WebApplicationInfo`, silently or not at all (an event handler must not open windows).
 * Rejects with Office's error (`code` 13001 "not signed in", 13005 "no consent", 13012 "not
 * supported here", …) so the log says which.
 */
export function officeAccessTokenSource(office: { auth?: OfficeAuthLike }): () => Promise<string> {
  return async () => {
    const auth = office.auth;
    if (!auth || typeof auth.getAccessToken !== 'function') throw new Error('this Outlook has no Office.auth.getAccessToken');
    return auth.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false });
  };
}
