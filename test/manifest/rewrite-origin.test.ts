import { normalizeProductionOrigin, rewriteManifestOrigin } from '../../src/build/manifest/rewrite-origin';
import { checkedInManifest } from './manifest-under-test';

describe('rewriteManifestOrigin', () => {
  test('moves every development URL, AppDomain included, to the production origin', () => {
    const rewritten = rewriteManifestOrigin(checkedInManifest, 'https://tracking.example.com');
    expect(rewritten).not.toContain('localhost');
    expect(rewritten).toContain('<AppDomain>https://tracking.example.com</AppDomain>');
    expect(rewritten).toContain('DefaultValue="https://tracking.example.com/launchevent.js"');
    expect(rewritten.split('https://tracking.example.com').length).toBe(checkedInManifest.split('https://localhost:3000').length);
  });

  test('treats the dots in the development origin literally and leaves other ports alone', () => {
    const xml = '<a>https://localhost:3000/x https://localhost:30001/y https://localhostX3000/z https://localhost:3000</a>';
    expect(rewriteManifestOrigin(xml, 'https://docket.example.org')).toBe(
      '<a>https://docket.example.org/x https://localhost:30001/y https://localhostX3000/z https://docket.example.org</a>',
    );
  });

  test('normalises the origin: lower-case host, no trailing slash, no default port', () => {
    expect(normalizeProductionOrigin('https://Tracking.Example.com:443/')).toBe('https://tracking.example.com');
    expect(normalizeProductionOrigin('https://tracking.example.com:8443')).toBe('https://tracking.example.com:8443');
  });

  test.each([
    ['http://tracking.example.com'],
    ['https://tracking.example.com/addin'],
    ['https://tracking.example.com/?x=1'],
    ['https://user@tracking.example.com'],
    ['tracking.example.com'],
    [''],
  ])('refuses %p, which is not an https origin without a path', (origin) => {
    expect(() => rewriteManifestOrigin(checkedInManifest, origin)).toThrow('the add-in origin must be an https origin without a path');
  });
});
