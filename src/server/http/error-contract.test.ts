import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock, totpAt, type TestUser } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS, makeTempDir } from '../../../test/databases.js';
import { errorBodySchema, type ErrorBody } from '../../shared/errors.js';

/**
 * The error body is one contract, whatever else the app serves: the same
 * answers with the built web app as without it. (With the web app, the API
 * once answered in Fastify's default shape, which the web client could not
 * read, and every error showed the wrong message.)
 */
const web = makeTempDir('homeward-contract-web-');
fs.mkdirSync(path.join(web.dir, 'assets'));
fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>Homeward</title><div id="root"></div>');
fs.writeFileSync(path.join(web.dir, '.env'), 'SECRET=do-not-serve');
afterAll(() => web.remove());

/** Checks an answer is exactly the catalogue body (no Fastify fields beside it) and returns it. */
function catalogueBody(response: { headers: Record<string, unknown>; body: string }): ErrorBody {
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const parsed: unknown = JSON.parse(response.body);
  expect(Object.keys(parsed as object)).toEqual(['error']);
  return errorBodySchema.strict().parse(parsed);
}

const MODES = [
  ['without the web app', undefined],
  ['with the built web app', web.dir],
] as const;

describe.each(TEST_DIALECTS.flatMap((dialect) => MODES.map(([mode, webDir]) => [dialect, mode, webDir] as const)))(
  'error answers on %s %s',
  (dialect, _mode, webDir) => {
    const clock = testClock();
    let t: TestApp;
    let admin: TestUser;
    let adminCookie: string;
    let vera: TestUser;

    beforeAll(async () => {
      t = await buildTestApp(dialect, { clock, ...(webDir === undefined ? {} : { webDir }) });
      const db = t.database.handle.db;
      admin = await buildUser(db, t.keyring, 'admin', clock);
      vera = await buildUser(db, t.keyring, 'caseworker', clock, { username: 'vera' });
      adminCookie = await signIn(t.app, admin, clock);
    });
    afterAll(() => t.cleanup());

    const signInAs = async (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/session', headers: { 'x-homeward-request': '1' }, payload });

    it('a wrong password at sign-in: 401 INVALID_CREDENTIALS', async () => {
      const response = await signInAs({ username: 'vera', password: 'not the password at all', code: '123456' });
      expect(response.statusCode).toBe(401);
      expect(catalogueBody(response)).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'The username, password or code is wrong.' },
      });
    });

    it('a wrong TOTP code at sign-in: 401 INVALID_CREDENTIALS', async () => {
      const right = await totpAt(vera.secret, clock);
      const wrong = right === '000000' ? '111111' : '000000';
      const response = await signInAs({ username: 'vera', password: vera.password, code: wrong });
      expect(response.statusCode).toBe(401);
      expect(catalogueBody(response)).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'The username, password or code is wrong.' },
      });
    });

    it('a validation error names each field with a reason code', async () => {
      const response = await as(
        t.app,
        adminCookie,
      )({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'ab', role: 'pilot', password: 'x'.repeat(600), extra: 1 },
      });
      expect(response.statusCode).toBe(400);
      const body = catalogueBody(response);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields).toEqual([
        { path: 'username', message: 'must be at least 3 characters', reason: 'too_short', limit: 3 },
        { path: 'role', message: expect.any(String) as string, reason: 'invalid_value' },
        { path: 'password', message: 'is too long', reason: 'too_long', limit: 512 },
      ]);
    });

    it('an empty or missing field is "required", a wrong type "invalid_type"', async () => {
      const response = await signInAs({ username: '', password: 42 });
      const body = catalogueBody(response);
      expect(response.statusCode).toBe(400);
      expect(body.error.fields?.map(({ path, reason }) => ({ path, reason }))).toEqual([
        { path: 'username', reason: 'required' },
        { path: 'password', reason: 'invalid_type' },
      ]);
      const missing = catalogueBody(await signInAs({ password: 'x' }));
      expect(missing.error.fields).toEqual([
        { path: 'username', message: expect.any(String) as string, reason: 'required' },
      ]);
    });

    it('a password rule names its field with its own reason and the bound', async () => {
      const response = await as(
        t.app,
        adminCookie,
      )({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'short-pass', role: 'intake', password: 'short' },
      });
      expect(response.statusCode).toBe(400);
      const field = catalogueBody(response).error.fields?.[0];
      expect(field).toMatchObject({ path: 'password', reason: 'too_short', limit: 12 });
    });

    it('a wrong current password names the field with reason "incorrect"', async () => {
      const cookie = await signIn(t.app, vera, clock);
      const response = await as(
        t.app,
        cookie,
      )({
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: 'not the current one', newPassword: 'a brand new long passphrase' },
      });
      expect(response.statusCode).toBe(400);
      expect(catalogueBody(response).error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'Invalid currentPassword: is wrong',
        fields: [{ path: 'currentPassword', message: 'is wrong', reason: 'incorrect' }],
      });
    });

    it('a conflict: 409 USERNAME_TAKEN', async () => {
      const response = await as(
        t.app,
        adminCookie,
      )({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'vera', role: 'intake', password: 'a perfectly long passphrase' },
      });
      expect(response.statusCode).toBe(409);
      expect(catalogueBody(response)).toEqual({
        error: { code: 'USERNAME_TAKEN', message: 'That username is taken.' },
      });
    });

    it('an unknown API route: 404 ROUTE_NOT_FOUND; a wrong method: 405 METHOD_NOT_ALLOWED', async () => {
      const missing = await t.app.inject({
        method: 'GET',
        url: '/api/no-such-thing',
        headers: { accept: 'text/html' },
      });
      expect(missing.statusCode).toBe(404);
      expect(catalogueBody(missing)).toEqual({
        error: { code: 'ROUTE_NOT_FOUND', message: 'There is no such address.' },
      });
      const wrongMethod = await t.app.inject({ method: 'DELETE', url: '/api/health' });
      expect(wrongMethod.statusCode).toBe(405);
      expect(catalogueBody(wrongMethod)).toEqual({
        error: { code: 'METHOD_NOT_ALLOWED', message: 'This address does not accept this method.' },
      });
    });

    it('a body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE; malformed JSON: 400 MALFORMED_JSON', async () => {
      const xml = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1', 'content-type': 'application/xml' },
        payload: '<username/>',
      });
      expect(xml.statusCode).toBe(415);
      expect(catalogueBody(xml)).toEqual({
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be JSON.' },
      });
      const text = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1', 'content-type': 'text/plain' },
        payload: 'username=someone',
      });
      expect(text.statusCode).toBe(415);
      expect(catalogueBody(text)).toEqual({
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be JSON.' },
      });
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1', 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      expect(broken.statusCode).toBe(400);
      expect(catalogueBody(broken)).toEqual({
        error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' },
      });
    });

    it('a wrong code at enrolment: 400 INVALID_CODE', async () => {
      const newcomer = await buildUser(t.database.handle.db, t.keyring, 'intake', clock, { enrolled: false });
      const login = await signInAs({ username: newcomer.user.username, password: newcomer.password });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      expect((await as(t.app, cookie)({ method: 'POST', url: '/api/me/totp' })).statusCode).toBe(200);
      const response = await as(
        t.app,
        cookie,
      )({ method: 'POST', url: '/api/me/totp/confirm', payload: { code: '12' } });
      expect(response.statusCode).toBe(400);
      expect(catalogueBody(response)).toEqual({
        error: { code: 'INVALID_CODE', message: 'The code is wrong or has been used already.' },
      });
    });

    describe('static-path probes, over real HTTP with the path as sent', () => {
      let base: URL;
      beforeAll(async () => {
        base = new URL(await t.app.listen({ host: '127.0.0.1', port: 0 }));
      });

      /** A raw GET: fetch and inject would resolve `%2e%2e` before sending. */
      const rawGet = (rawPath: string) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          const request = http.get({ host: base.hostname, port: base.port, path: rawPath }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          });
          request.on('error', reject);
        });

      it.each([
        ['/..%2f..%2fetc/passwd', 404, 'ROUTE_NOT_FOUND'],
        ['/.env', 404, 'ROUTE_NOT_FOUND'],
        ['/%2e%2e/%2e%2e/etc/passwd', 404, 'ROUTE_NOT_FOUND'],
        ['/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 404, 'ROUTE_NOT_FOUND'],
        ['/assets/%2e%2e/%2e%2e/etc/passwd', 404, 'ROUTE_NOT_FOUND'],
        ['/.git/config', 404, 'ROUTE_NOT_FOUND'],
      ])('%s answers %i %s', async (rawPath, status, code) => {
        const response = await rawGet(rawPath);
        expect(response.status).toBe(status);
        expect(catalogueBody(response).error.code).toBe(code);
        expect(response.body).not.toContain('root:');
        expect(response.body).not.toContain('do-not-serve');
      });

      it('/index.html%00.js answers 4xx with a catalogue code', async () => {
        const response = await rawGet('/index.html%00.js');
        // The static handler refuses the NUL as a bad address; without it, there is no such asset.
        const [status, code] = webDir === undefined ? [404, 'ROUTE_NOT_FOUND'] : [400, 'VALIDATION_FAILED'];
        expect(response.status).toBe(status);
        expect(catalogueBody(response).error.code).toBe(code);
      });
    });
  },
);
