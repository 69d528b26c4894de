import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/server/config.js';
import { startServer, type RunningServer } from '../src/server/main.js';
import { makeTempDir } from '../test/databases.js';
import { chromiumPath } from '../test/environment.js';

const webDir = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface E2eAccount {
  username: string;
  password: string;
  /** Unused recovery codes; each sign-in takes one (a TOTP code works once per 30 s). */
  recoveryCodes: string[];
}

export interface E2eContext {
  server: RunningServer;
  browser: Browser;
  /** Every URL the pages asked for, to prove nothing left the server. */
  requests: string[];
  /** Console errors, CSP violations among them. */
  consoleErrors: string[];
  /** A new browser context and page; with `account`, signed in through the login page with a recovery code. */
  newPage(options?: { locale?: string; account?: E2eAccount; javaScriptEnabled?: boolean }): Promise<Page>;
  /** Creates the first administrator through the API (setup token, TOTP enrolment). */
  setUpAdmin(): Promise<E2eAccount>;
  /** With the administrator set up: another account, enrolled through the API as its user would. */
  addUser(role: 'intake' | 'caseworker' | 'lawyer' | 'coordinator' | 'analyst', username: string): Promise<E2eAccount>;
  close(): Promise<void>;
}

/**
 * Starts the real server on a free port over a new SQLite data folder, and a
 * headless Debian Chromium with its background networking off (this machine
 * has no network beyond itself).
 */
export async function startE2e(): Promise<E2eContext> {
  // The session cookie is __Host- and Secure: Chromium takes it from http://127.0.0.1, a secure context.
  if (!fs.existsSync(`${webDir}/index.html`)) {
    throw new Error('The web app is not built: run "npm run build:web" (npm test does it first).');
  }
  const executablePath = chromiumPath();
  if (executablePath === undefined)
    throw new Error('No Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  const temp = makeTempDir('homeward-e2e-');
  const config = loadConfig({
    HOMEWARD_DATA_DIR: `${temp.dir}/data`,
    // The default, ./keys, would put the master key in the checkout.
    HOMEWARD_KEYS_DIR: `${temp.dir}/keys`,
    PORT: '0',
    LOG_LEVEL: 'warn',
    HOMEWARD_WEB_DIR: webDir,
  });
  const server = await startServer(config);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  /** A JSON POST to the server as the web app sends it; fails the test on any error answer. */
  const post = async (path: string, body: object, cookie?: string): Promise<Response> => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-homeward-request': '1',
        ...(cookie === undefined ? {} : { cookie }),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${String(response.status)} ${await response.text()}`);
    return response;
  };
  const cookieOf = (response: Response): string => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  /** Enrols TOTP for a session still enrolling; the recovery codes, and the session's cookie once renewed. */
  const enrol = async (cookie: string): Promise<{ recoveryCodes: string[]; cookie: string }> => {
    const { secret } = (await (await post('/api/me/totp', {}, cookie)).json()) as { secret: string };
    const confirm = await post('/api/me/totp/confirm', { code: await generate({ secret }) }, cookie);
    const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
    return { recoveryCodes, cookie: cookieOf(confirm) || cookie };
  };
  let adminCookie: string | undefined;
  return {
    server,
    browser,
    requests,
    consoleErrors,
    async newPage(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? 'en-US',
        ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
      });

      const page = await context.newPage();
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      if (options.account !== undefined) {
        const code = options.account.recoveryCodes.shift();
        if (code === undefined) throw new Error('no recovery code left for another sign-in');
        await page.goto(`${server.url}/login`);
        await page.getByTestId('login-username').fill(options.account.username);
        await page.getByTestId('login-password').fill(options.account.password);
        await page.getByTestId('login-code').fill(code);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('user-menu').waitFor();
      }
      return page;
    },
    async setUpAdmin() {
      const account = { username: 'e2e-admin', password: 'e2e admin passphrase' };
      const setup = await post('/api/setup', { token: server.setupToken, ...account });
      const enrolled = await enrol(cookieOf(setup));
      adminCookie = enrolled.cookie;
      return { ...account, recoveryCodes: enrolled.recoveryCodes };
    },
    async addUser(role, username) {
      if (adminCookie === undefined) throw new Error('set up the administrator first');
      const password = `${username} e2e passphrase`;
      await post('/api/users', { username, role, password }, adminCookie);
      const login = await post('/api/session', { username, password });
      return { username, password, recoveryCodes: (await enrol(cookieOf(login))).recoveryCodes };
    },
    async close() {
      await browser.close();
      await server.stop();
      temp.remove();
    },
  };
}
