import { NaaTokenProvider, type NestableClient } from '../../../src/addin/auth/naa-token-provider';

const ORIGIN = 'https://tracking.example.com';

class InteractionRequiredAuthError extends Error {
  override name = 'InteractionRequiredAuthError';
  errorCode = 'interaction_required';
}

function fakeClient(script: { silent: Array<string | Error>; popup: Array<string | Error> }) {
  const calls = { silent: [] as Array<{ scopes: string[]; forceRefresh?: boolean }>, popup: 0 };
  const next = (queue: Array<string | Error>) => {
    const value = queue.shift();
    if (value === undefined) throw new Error('unexpected call');
    if (value instanceof Error) throw value;
    return { accessToken: value };
  };
  const client: NestableClient = {
    acquireTokenSilent: async (request) => {
      calls.silent.push(request);
      return next(script.silent);
    },
    acquireTokenPopup: async () => {
      calls.popup++;
      return next(script.popup);
    },
  };
  return { client, calls };
}

test('asks for the access_as_user scope of the configured app, silently first', async () => {
  const { client, calls } = fakeClient({ silent: ['silent-token'], popup: [] });
  const provider = new NaaTokenProvider({ clientId: 'c0ffee00-0000-4000-8000-000000000001', addinOrigin: ORIGIN, createClient: async () => client });
  expect(await provider.getToken()).toBe('silent-token');
  // The same Application ID URI Office's own sign-on needs in the event runtime (api://<host>/<client id>).
  expect(calls.silent[0]!.scopes).toEqual(['api://tracking.example.com/c0ffee00-0000-4000-8000-000000000001/access_as_user']);
  expect(calls.popup).toBe(0);
});

test('falls back to one sign-in window when the host needs the user, shared by concurrent callers', async () => {
  const { client, calls } = fakeClient({ silent: [new InteractionRequiredAuthError(), new InteractionRequiredAuthError()], popup: ['popup-token'] });
  const provider = new NaaTokenProvider({ clientId: 'app', addinOrigin: ORIGIN, createClient: async () => client });
  const [first, second] = await Promise.all([provider.getToken(), provider.getToken()]);
  expect([first, second]).toEqual(['popup-token', 'popup-token']);
  expect(calls.popup).toBe(1);
});

test('after a dismissed sign-in window, background callers get "signed out" until the user presses Sign in', async () => {
  const { client, calls } = fakeClient({
    silent: [new InteractionRequiredAuthError(), new InteractionRequiredAuthError(), 'fresh'],
    popup: [new Error('user_cancelled'), 'interactive-token'],
  });
  const provider = new NaaTokenProvider({ clientId: 'app', addinOrigin: ORIGIN, createClient: async () => client });
  expect(await provider.getToken()).toBeNull();
  expect(await provider.getToken()).toBeNull();
  expect(calls.popup).toBe(1);
  await provider.signIn();
  expect(calls.popup).toBe(2);
  expect(await provider.getToken()).toBe('fresh');
});

test('refresh forces a new token, and a transient MSAL failure is an error, not a sign-out', async () => {
  const { client, calls } = fakeClient({ silent: ['renewed', new Error('network_error')], popup: [] });
  const provider = new NaaTokenProvider({ clientId: 'app', addinOrigin: ORIGIN, createClient: async () => client });
  expect(await provider.refresh()).toBe('renewed');
  expect(calls.silent[0]!.forceRefresh).toBe(true);
  await expect(provider.getToken()).rejects.toThrow('network_error');
});

test('a client that failed to load is created again on the next call', async () => {
  const { client } = fakeClient({ silent: ['ok'], popup: [] });
  let attempts = 0;
  const provider = new NaaTokenProvider({
    clientId: 'app',
    addinOrigin: ORIGIN,
    createClient: async () => {
      if (attempts++ === 0) throw new Error('chunk failed to load');
      return client;
    },
  });
  await expect(provider.getToken()).rejects.toThrow('chunk failed to load');
  expect(await provider.getToken()).toBe('ok');
});

test('the Application ID URI names the host (and port) the add-in is served from, whatever the origin is written like', async () => {
  const { entraApplicationIdUri, entraAccessScope } = await import('../../../src/common/entra-app');
  expect(entraApplicationIdUri('https://Tracking.Example.com/', ' app-id ')).toBe('api://tracking.example.com/app-id');
  expect(entraApplicationIdUri('https://localhost:3000', 'app-id')).toBe('api://localhost:3000/app-id');
  expect(entraAccessScope('https://localhost:3000', 'app-id')).toBe('api://localhost:3000/app-id/access_as_user');
});
