import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, type TestApp } from './app.js';
import { buildUser } from './accounts.js';
import { makeTempDir } from './databases.js';
import type { TestProject } from 'vitest/node';

/**
 * The real server for the web app's jsdom tests (vitest globalSetup of the
 * `web` project): the app as served, with a web folder, over a fresh SQLite
 * database on a local port, with one enrolled caseworker. Web tests that use it send the
 * app's real requests and get the server's real answers, so neither a renamed
 * field nor a changed error body can hide behind a faked answer.
 */
export interface WebApiServer {
  url: string;
  username: string;
  password: string;
  recoveryCodes: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    webApiServer: WebApiServer;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Served as in production, with a web folder: the API once answered differently when one was present.
  const web = makeTempDir('homeward-web-api-');
  fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>Homeward</title>');
  const t: TestApp = await buildTestApp('sqlite', { webDir: web.dir });
  const account = await buildUser(t.database.handle.db, t.keyring, 'caseworker', () => new Date(), {
    username: 'vera.real',
  });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('webApiServer', {
    url,
    username: account.user.username,
    password: account.password,
    recoveryCodes: account.recoveryCodes,
  });
  return async () => {
    await t.cleanup();
    web.remove();
  };
}
