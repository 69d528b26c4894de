// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { apiError, json, noContent, screenPerTest, sessionState, stubApi } from '../testing/harness.js';

const screen = screenPerTest('ru');

describe('where the app sends you at start', () => {
  it('sends a new installation to first-run setup', async () => {
    stubApi({
      'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
      'GET /api/setup': () => json({ needed: true }),
    });
    await screen.render('/');
    await screen.waitForPath('/setup');
    expect(await screen.find('setup-token')).toBeInstanceOf(HTMLInputElement);
    expect(screen.heading()).toBe('Настройка Homeward');
    expect(screen.byTestId('nav-home')).toBeNull();
  });

  it('sends the signed-out to sign in, then back to the page they asked for', async () => {
    const seen = stubApi({
      'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
      'GET /api/setup': () => json({ needed: false }),
      'POST /api/session': () => json(sessionState()),
      'GET /api/break-glass': () => json({ grants: [] }),
    });
    await screen.render('/break-glass');
    await screen.waitForPath('/login');
    expect(screen.heading()).toBe('Вход');

    await screen.type('login-username', 'vera');
    await screen.type('login-password', 'correct horse battery');
    await screen.type('login-code', ' 123 456 ');
    await screen.click('login-submit');

    await screen.waitForPath('/break-glass');
    expect(await screen.find('grants-empty')).not.toBeNull();
    expect(screen.byTestId('user-menu')?.textContent).toContain('vera');
    const login = seen.find((r) => r.method === 'POST' && r.path === '/api/session');
    expect(login?.body).toEqual({ username: 'vera', password: 'correct horse battery', code: '123456' });
  });

  it('does not offer setup once the installation has an administrator', async () => {
    stubApi({
      'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
      'GET /api/setup': () => json({ needed: false }),
    });
    await screen.render('/setup');
    await screen.waitForPath('/login');
  });

  it('sends someone who has not enrolled a second factor to enrol, whatever they open', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ factorEnrolled: false }, true)),
      'POST /api/me/totp': () =>
        json({ secret: 'JBSWY3DPEHPK3PXPJBSW', uri: 'otpauth://x', qrSvg: 'data:image/svg+xml;base64,PHN2Zy8+' }),
    });
    await screen.render('/admin/audit');
    await screen.waitForPath('/enrol');
    expect((await screen.find('enrol-secret')).textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW');
    expect(screen.byTestId('enrol-qr')?.getAttribute('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    // Nothing else answers while enrolling, so no navigation is offered; signing out is.
    expect(screen.byTestId('nav-home')).toBeNull();
    expect(screen.byTestId('signout')).not.toBeNull();
  });

  it('shows the recovery codes once after enrolment and goes on only when they are saved', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ factorEnrolled: false }, true)),
      'POST /api/me/totp': () =>
        json({ secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://x', qrSvg: 'data:image/svg+xml;base64,PHN2Zy8+' }),
      'POST /api/me/totp/confirm': () => json({ recoveryCodes: codes, session: sessionState() }),
      'GET /api/me/sessions': () => json({ sessions: [] }),
    });
    await screen.render('/account');
    await screen.waitForPath('/enrol');
    await screen.type('enrol-code', '654321');
    await screen.click('enrol-submit');

    const list = await screen.find('recovery-codes');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(codes);
    const proceed = screen.byTestId('enrol-continue') as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    await screen.click('recovery-saved');
    expect(proceed.disabled).toBe(false);
    await screen.click('enrol-continue');
    await screen.waitForPath('/account');
    expect(seen.filter((r) => r.path === '/api/me/totp')).toHaveLength(1);
    expect(seen.find((r) => r.path === '/api/me/totp/confirm')?.body).toEqual({ code: '654321' });
  });

  it('goes to sign in when the session ends while the app is open', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState()),
      // The session ended (idle timeout, revoked) before the home page asked for anything.
      'GET /api/dashboard/admin': () => apiError(401, 'UNAUTHENTICATED'),
    });
    await screen.render('/');
    await screen.waitForPath('/login');
    expect(screen.heading()).toBe('Вход');
  });
});

describe('a session that changes under the app', () => {
  it('asks for the session again when a call says enrolment is required', async () => {
    let sessionCalls = 0;
    stubApi({
      'GET /api/session': () => {
        sessionCalls += 1;
        // An admin reset the second factor while this page was open.
        return json(sessionCalls === 1 ? sessionState() : sessionState({ factorEnrolled: false }, true));
      },
      'GET /api/dashboard/admin': () => apiError(403, 'ENROLMENT_REQUIRED'),
      'POST /api/me/totp': () =>
        json({ secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://x', qrSvg: 'data:image/svg+xml;base64,PHN2Zy8+' }),
    });
    await screen.render('/');
    await screen.waitForPath('/enrol');
    expect(sessionCalls).toBe(2);
  });
});

describe('the header', () => {
  it('shows a coordinator break-glass but not the admin pages, with their name and role', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ username: 'lena', role: 'coordinator' })),
      'GET /api/health': () => json({ status: 'ok', database: 'sqlite', version: '0.1.0', demo: false }),
    });
    await screen.render('/');
    expect((await screen.find('user-menu')).textContent).toContain('lena');
    expect(screen.byTestId('user-menu-role')?.textContent).toBe('Координатор');
    expect(screen.byTestId('nav-break-glass')).not.toBeNull();
    expect(screen.byTestId('nav-audit')).toBeNull();
    expect(screen.byTestId('nav-users')).toBeNull();
  });

  it('shows an admin the users and audit pages', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/health': () => json({ status: 'ok', database: 'sqlite', version: '0.1.0', demo: false }),
    });
    await screen.render('/');
    expect(await screen.find('nav-audit')).not.toBeNull();
    expect(screen.byTestId('nav-users')).not.toBeNull();
  });

  it('refuses an admin page to someone without the role, even by its address', async () => {
    stubApi({ 'GET /api/session': () => json(sessionState({ role: 'caseworker' })) });
    await screen.render('/admin/users');
    expect(await screen.find('forbidden')).not.toBeNull();
  });

  it('signs out with the CSRF header and goes to the sign-in page', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState()),
      'GET /api/health': () => json({ status: 'ok', database: 'sqlite', version: '0.1.0', demo: false }),
      'DELETE /api/session': () => noContent(),
    });
    await screen.render('/');
    await screen.click('signout');
    await screen.waitForPath('/login');
    const signOut = seen.find((r) => r.method === 'DELETE');
    expect(signOut?.headers.get('X-Homeward-Request')).toBe('1');
    expect(seen.find((r) => r.method === 'GET')?.headers.has('X-Homeward-Request')).toBe(false);
    expect(screen.byTestId('user-menu')).toBeNull();
  });
});
