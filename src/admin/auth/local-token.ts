/** The pasted admin token lives in sessionStorage: it goes when the tab closes, and no other site can read it. */
const KEY = 'docket.admin.token';

export function readLocalToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeLocalToken(token: string): void {
  window.sessionStorage.setItem(KEY, token);
}

export function forgetLocalToken(): void {
  window.sessionStorage.removeItem(KEY);
}
