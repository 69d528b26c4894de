// Helpers for the web tests against the real server (realApi in harness.tsx).
import type { Screen } from './harness.js';

/** Turns of a few milliseconds each, for Screen.find: real answers take real time. */
export const REAL = 500;

/** Fills in the sign-in page once it shows, and submits it; the code field only when a code is given. */
export async function signIn(screen: Screen, username: string, password: string, code = ''): Promise<void> {
  await screen.find('login-username', REAL);
  await screen.type('login-username', username);
  await screen.type('login-password', password);
  if (code !== '') await screen.type('login-code', code);
  await screen.click('login-submit');
}
