import { SERVER_PREFIXES, spaTarget } from './spa-paths';

const files = new Set(['assets/index-3f2a.js', 'favicon.svg', 'index.html']);
const exists = (relative: string) => files.has(relative);

describe(spaTarget.name, () => {
  it.each(['/', '/audit', '/accounts/new', '/audit?page=2&action=account.read'])(
    'answers the screen %s with index.html',
    (url) => {
      expect(spaTarget(url, exists)).toEqual({ kind: 'index' });
    },
  );

  it('serves a hashed asset as an immutable file', () => {
    expect(spaTarget('/assets/index-3f2a.js', exists)).toEqual({
      kind: 'file',
      file: 'assets/index-3f2a.js',
      immutable: true,
    });
  });

  it('serves a top-level file without the immutable cache', () => {
    expect(spaTarget('/favicon.svg', exists)).toEqual({
      kind: 'file',
      file: 'favicon.svg',
      immutable: false,
    });
  });

  it.each(['/assets/gone-1234.js', '/robots.txt'])(
    'leaves a missing file %s to the 404, never HTML',
    (url) => {
      expect(spaTarget(url, exists)).toEqual({ kind: 'not-found' });
    },
  );

  it.each(['/api', '/api/v1/no-such-thing', '/api/docs', '/health', '/health/x'])(
    'never answers the server path %s',
    (url) => {
      expect(spaTarget(url, exists)).toEqual({ kind: 'not-found' });
    },
  );

  it('does not mistake a screen that starts with "api" or "health" for a server path', () => {
    expect(spaTarget('/healthy-homes', exists)).toEqual({ kind: 'index' });
    expect(spaTarget('/apiary', exists)).toEqual({ kind: 'index' });
  });

  it.each(['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00.js', '/%E0%A4%A'])(
    'refuses %s',
    (url) => {
      const checked: string[] = [];
      const target = spaTarget(url, (relative) => (checked.push(relative), false));
      expect(target.kind === 'file').toBe(false);
      expect(checked.every((relative) => !relative.startsWith('..'))).toBe(true);
    },
  );

  it("keeps an app's own extra prefixes (the gateway's /oruk and /fhir) out of the UI", () => {
    const prefixes = [...SERVER_PREFIXES, '/oruk', '/fhir'];
    expect(spaTarget('/oruk/nope', exists, prefixes)).toEqual({ kind: 'not-found' });
    expect(spaTarget('/fhir/Patient', exists, prefixes)).toEqual({ kind: 'not-found' });
    expect(spaTarget('/orukish', exists, prefixes)).toEqual({ kind: 'index' });
  });
});
