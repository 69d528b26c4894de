import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { makeTempDir } from '../../../test/databases.js';

describe('serving the web app', () => {
  let t: TestApp;
  const web = makeTempDir('homeward-web-');
  beforeAll(async () => {
    fs.mkdirSync(path.join(web.dir, 'assets'));
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>Homeward</title><div id="root"></div>');
    fs.writeFileSync(path.join(web.dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await buildTestApp('sqlite', { webDir: web.dir });
  });
  afterAll(async () => {
    await t.cleanup();
    web.remove();
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/cases/12', '/settings?tab=keys']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with a JSON 404, not the app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('never answers an /api path with the app', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/no-such-thing/12',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });
});

describe('when the web app is not built', () => {
  let t: TestApp;
  beforeAll(async () => {
    const empty = makeTempDir('homeward-noweb-');
    t = await buildTestApp('sqlite', { webDir: empty.dir });
    empty.remove();
  });
  afterAll(() => t.cleanup());

  it('answers its pages with 503 and says how to build it, while the API works', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(503);
    expect(page.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The web app is not built. Run "npm run build" on the server.' },
    });
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
