import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { VERSION } from '../../version.js';

describe.each(TEST_DIALECTS)('GET /api/health on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.cleanup());

  it('answers ok with the database kind and version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: dialect, version: VERSION, demo: false });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the database is gone', async () => {
    const broken = await buildTestApp(dialect);
    await broken.database.handle.close();
    const response = await broken.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The database does not answer.' },
    });
    await broken.app.close();
    await broken.database.cleanup().catch(() => undefined);
  });
});
