import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/server/config.js';
import { startServer, type RunningServer } from '../src/server/main.js';
import { makeTempDir } from '../test/databases.js';
import { chromiumPath } from '../test/environment.js';

const webDir = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface E2eContext {
  server: RunningServer;
  browser: Browser;
  /** Every URL the pages asked for, to prove nothing left the server. */
  requests: string[];
  /** Console errors, CSP violations among them. */
  consoleErrors: string[];
  newPage(options?: { locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the real server on a free port over a new SQLite data folder, and a
 * headless Debian Chromium with its background networking off (this machine
 * has no network beyond itself).
 */
export async function startE2e(): Promise<E2eContext> {
  if (!fs.existsSync(`${webDir}/index.html`)) {
    throw new Error('The web app is not built: run "npm run build:web" (npm test does it first).');
  }
  const executablePath = chromiumPath();
  if (executablePath === undefined)
    throw new Error('No Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  const temp = makeTempDir('homeward-e2e-');
  const config = loadConfig({ HOMEWARD_DATA_DIR: temp.dir, PORT: '0', LOG_LEVEL: 'warn', HOMEWARD_WEB_DIR: webDir });
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
  return {
    server,
    browser,
    requests,
    consoleErrors,
    async newPage(options = {}) {
      const context = await browser.newContext({ locale: options.locale ?? 'en-US' });
      const page = await context.newPage();
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
    async close() {
      await browser.close();
      await server.stop();
      temp.remove();
    },
  };
}
