import { originFiles } from '../../src/build/production-manifest';
import { addWebApplicationInfo } from '../../src/build/manifest/web-application-info';
import { checkedInManifest, problemsOf, replaceFirst, validate } from './manifest-under-test';

const ORIGIN = 'https://tracking.example.com';
const CLIENT_ID = '6f1e3c2a-8b4d-4e5f-9a0b-1c2d3e4f5a6b';

/** The production manifest of a build with an Entra client id. */
const withSso = originFiles(checkedInManifest, ORIGIN, CLIENT_ID).manifestXml;

describe('a build with an Entra client id (Office single sign-on for the event runtime)', () => {
  test('adds WebApplicationInfo with the client id and api://<host>/<client id>, and the manifest still passes every check', () => {
    expect(withSso).toContain(`<Id>${CLIENT_ID}</Id>`);
    expect(withSso).toContain(`<Resource>api://tracking.example.com/${CLIENT_ID}</Resource>`);
    expect(withSso).toMatch(/<Scopes>\s*<Scope>openid<\/Scope>\s*<Scope>profile<\/Scope>\s*<\/Scopes>/);
    // At the end of the VersionOverrides 1.1, after its Resources, as Microsoft's schema orders it.
    expect(withSso).toMatch(/<\/Resources>\s*<WebApplicationInfo>[\s\S]*<\/WebApplicationInfo>\s*<\/VersionOverrides>\s*<\/VersionOverrides>\s*<\/OfficeApp>/);
    expect(validate(withSso, { expectedOrigin: ORIGIN })).toEqual([]);
  });

  test('a build without one leaves WebApplicationInfo out', () => {
    expect(originFiles(checkedInManifest, ORIGIN).manifestXml).not.toContain('WebApplicationInfo');
    expect(originFiles(checkedInManifest, ORIGIN, '  ').manifestXml).not.toContain('WebApplicationInfo');
  });

  test('refuses a client id that is not a GUID, and a manifest that already has WebApplicationInfo', () => {
    expect(() => originFiles(checkedInManifest, ORIGIN, 'my-app')).toThrow(/Application \(client\) ID, a GUID \(got "my-app"\)/);
    expect(() => addWebApplicationInfo(withSso, ORIGIN, CLIENT_ID)).toThrow(/already has a <WebApplicationInfo>/);
  });
});

describe('broken WebApplicationInfo', () => {
  test('a Resource on another host (or without the client id) is rejected, naming the URI Office needs', () => {
    const broken = replaceFirst(withSso, `api://tracking.example.com/${CLIENT_ID}`, `api://${CLIENT_ID}`);
    expect(problemsOf(validate(broken, { expectedOrigin: ORIGIN }), 'web-application-info')).toEqual([
      `<WebApplicationInfo> <Resource> is "api://${CLIENT_ID}", but Office's sign-on needs the Application ID URI api://tracking.example.com/${CLIENT_ID} (the add-in's host and the client id)`,
    ]);
  });

  test('an Id that is not a GUID is rejected', () => {
    const broken = replaceFirst(withSso, `<Id>${CLIENT_ID}</Id>`, '<Id>docket</Id>');
    expect(problemsOf(validate(broken, { expectedOrigin: ORIGIN }), 'web-application-info')).toContain(
      '<WebApplicationInfo> <Id> "docket" is not an Entra Application (client) ID (a GUID)',
    );
  });

  test('WebApplicationInfo before the Resources of VersionOverrides 1.1 is out of schema order', () => {
    const block = withSso.slice(withSso.indexOf('<WebApplicationInfo>'), withSso.indexOf('</WebApplicationInfo>') + '</WebApplicationInfo>'.length);
    const resourcesOfV11 = withSso.lastIndexOf('<Resources>');
    const withoutBlock = withSso.replace(block, '');
    const moved = withoutBlock.slice(0, resourcesOfV11) + block + withoutBlock.slice(resourcesOfV11);
    expect(problemsOf(validate(moved, { expectedOrigin: ORIGIN }), 'element-order').join('\n')).toMatch(/WebApplicationInfo/);
  });

  test('a missing Resource or an empty Scopes is reported', () => {
    const noResource = withSso.replace(/\s*<Resource>[^<]*<\/Resource>/, '');
    expect(problemsOf(validate(noResource, { expectedOrigin: ORIGIN }), 'web-application-info')).toEqual([
      '<WebApplicationInfo> needs a <Resource>, the Application ID URI api://<add-in host>/<client id>',
    ]);
    const noScopes = withSso.replace(/<Scopes>[\s\S]*<\/Scopes>/, '<Scopes></Scopes>');
    expect(problemsOf(validate(noScopes, { expectedOrigin: ORIGIN }), 'element-order').join('\n')).toMatch(/Scope/);
  });
});
