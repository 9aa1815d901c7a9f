import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type GatewayHarness, startGateway } from '../test-fixtures/gateway-test-app';

const INDEX_HTML = '<!doctype html><html lang="en"><title>Linkway</title><div id="root"></div></html>';

/** A stand-in for apps/web/dist: the gateway's job is serving whatever the build produced. */
function givenBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'linkway-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(dir, 'assets', 'index-3f2a.js'), 'console.log("ui")');
  return dir;
}

describe('the web UI served by the gateway', () => {
  let sut: GatewayHarness;
  let dist: string;

  beforeAll(async () => {
    dist = givenBuild();
    sut = await startGateway('web_ui', { env: { WEB_DIST_DIR: dist, HUB_NAME: 'Leeds West' } });
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string) => sut.app.inject({ method: 'GET', url });

  it('serves the app shell at / with no-cache', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX_HTML);
  });

  it('answers a deep link to a screen with the app shell (SPA fallback)', async () => {
    const response = await get('/audit?page=2');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const response = await get('/assets/index-3f2a.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with the JSON 404, not HTML', async () => {
    const response = await get('/assets/gone-0000.js');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('keeps unknown API routes a JSON 404', async () => {
    const response = await get('/api/v1/no-such-screen');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404 });
  });

  it('still serves the API docs and /health', async () => {
    expect((await get('/api/docs-json')).statusCode).toBe(200);
    expect((await get('/health')).headers['content-type']).toMatch(/json/);
  });

  it('never serves files outside the build folder', async () => {
    const response = await get('/%2e%2e/%2e%2e/package.json');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('"dependencies"');
  });

  it('tells the sign-in page which hub this is, without a token', async () => {
    const response = await get('/api/v1/hub');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ hubId: 'hub1', hubName: 'Leeds West' });
  });

  it('answers 503 with the build command while the UI is not built', async () => {
    rmSync(path.join(dist, 'index.html'));
    try {
      const response = await get('/caseload');
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npx nx build web');
    } finally {
      writeFileSync(path.join(dist, 'index.html'), INDEX_HTML);
    }
  });
});
