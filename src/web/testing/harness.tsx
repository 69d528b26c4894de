// Helpers for the web app's jsdom tests: mount the routes at a path, stub the
// API by method and path (every faked answer and every body the app sends is
// checked against the server's own schemas), and wait for elements.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, expect, inject, vi } from 'vitest';
import { API_CONTRACT, contractKeyOf } from '../../shared/api-contract.js';
import { sessionStateSchema, type SessionState } from '../../shared/accounts.schema.js';
import { ERROR_CATALOGUE, errorBodySchema, type ErrorCode, type FieldProblemBody } from '../../shared/errors.js';
import { AppRoutes } from '../App.js';
import { switchLanguage } from '../i18n/i18n.js';
import type { Language } from '../i18n/language.js';

// Tells React this is a test runner, so act() flushes effects and updates.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A request the stubbed fetch received, with its body parsed. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (request: SeenRequest) => Response | Promise<Response>;

/** Where a faked answer or a sent body broke the API contract; each test ends by requiring none. */
const contractViolations: string[] = [];

afterEach(() => {
  const found = contractViolations.splice(0);
  expect(found, 'the test faked an answer, or the app sent a body, the server would not').toEqual([]);
});

/**
 * Replaces fetch with one that answers from `routes`, keyed `"GET /api/session"`
 * (the path without its query). Anything else gets a 404 ROUTE_NOT_FOUND.
 * Every error answer must be a catalogue body with the code's own status; on
 * a route of the shared contract (src/shared/api-contract.ts), the body the
 * app sends and the answer faked here must parse with the schemas the server
 * registers that route with. Returns the requests seen, in order.
 */
export function stubApi(routes: Record<string, Handler>): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), 'http://localhost');
    const bodyText = typeof init?.body === 'string' ? init.body : undefined;
    const request: SeenRequest = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: new Headers(init?.headers),
      body: bodyText === undefined ? undefined : (JSON.parse(bodyText) as unknown),
    };
    seen.push(request);
    const handler = routes[`${request.method} ${url.pathname}`];
    const response = handler ? await handler(request) : apiError(404, 'ROUTE_NOT_FOUND');
    await checkContract(request.method, url.pathname, request.body, response.clone());
    return response;
  });
  return seen;
}

async function checkContract(method: string, path: string, sent: unknown, response: Response): Promise<void> {
  const where = `${method} ${path}`;
  const key = contractKeyOf(method, path);
  const contract = key === undefined ? undefined : API_CONTRACT[key];
  if (contract?.body !== undefined) {
    const body = contract.body.safeParse(sent);
    if (!body.success) contractViolations.push(`${where}: the app sent ${issuesText(body.error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const error = errorBodySchema.safeParse(text === '' ? undefined : JSON.parse(text));
    if (!error.success) contractViolations.push(`${where}: not a catalogue error body: ${text}`);
    else if (ERROR_CATALOGUE[error.data.error.code].status !== response.status) {
      contractViolations.push(`${where}: ${error.data.error.code} is never answered with ${String(response.status)}`);
    }
    return;
  }
  if (contract === undefined) return;
  if (response.status !== contract.status) {
    contractViolations.push(
      `${where}: answered ${String(response.status)}, the server answers ${String(contract.status)}`,
    );
  }
  if (contract.response !== undefined) {
    const answer = contract.response.safeParse(text === '' ? undefined : JSON.parse(text));
    if (!answer.success) contractViolations.push(`${where}: the faked answer ${issuesText(answer.error)}`);
  }
}

function issuesText(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}

import type { WebApiServer } from './web-api-server.types.js';

export type { WebApiAccount, WebApiServer } from './web-api-server.types.js';

const nodeFetch = globalThis.fetch;

/** What the real server holds, without touching fetch. */
export function realServer(): WebApiServer {
  return inject('webApiServer');
}

/**
 * Sends the app's requests to the real server instead of faked answers,
 * keeping its cookies as a browser would. Answers are checked against the
 * shared contract too, which proves the contract against the running server.
 */
export function realApi(): { server: WebApiServer; seen: SeenRequest[] } {
  const server = realServer();
  const cookies = new Map<string, string>();
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), 'http://localhost');
    const headers = new Headers(init?.headers);
    const bodyText = typeof init?.body === 'string' ? init.body : undefined;
    seen.push({
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers,
      body: bodyText === undefined ? undefined : (JSON.parse(bodyText) as unknown),
    });
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    // jsdom's AbortSignal is not Node's, which fetch would refuse; no test here aborts.
    const response = await nodeFetch(`${server.url}${url.pathname}${url.search}`, {
      method: init?.method ?? 'GET',
      headers,
      ...(bodyText === undefined ? {} : { body: bodyText }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    await checkContract(init?.method ?? 'GET', url.pathname, seen.at(-1)?.body, response.clone());
    return response;
  });
  return { server, seen };
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A catalogue error answer, with the catalogue's own message (as the server sends when it has none of its own). */
export function apiError(status: number, code: ErrorCode, headers?: Record<string, string>): Response {
  return json({ error: { code, message: ERROR_CATALOGUE[code].message } }, status, headers);
}

/** A 400 VALIDATION_FAILED naming `fields`, as the route layer writes it. */
export function validationFailed(fields: FieldProblemBody[]): Response {
  return json({ error: { code: 'VALIDATION_FAILED', message: 'Invalid fields', fields } }, 400);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function sessionState(overrides: Partial<SessionState['user']> = {}, enrolmentRequired = false): SessionState {
  return sessionStateSchema.parse({
    user: {
      id: '6f1c1d5e-0000-4000-8000-000000000001',
      username: 'vera',
      role: 'admin',
      factorEnrolled: true,
      ...overrides,
    },
    session: {
      id: '6f1c1d5e-0000-4000-8000-0000000000aa',
      createdAt: '2026-11-25T10:00:00.000Z',
      expiresAt: '2026-11-25T22:00:00.000Z',
      idleExpiresAt: '2026-11-25T10:30:00.000Z',
    },
    enrolmentRequired,
  });
}

/** Shows the router's current location, so tests can see where a redirect went. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export class Screen {
  private mounted: { container: HTMLElement; root: Root } | undefined;

  /** The element the app is rendered into; a new one for each render after an unmount. */
  get container(): HTMLElement {
    this.mounted ??= Screen.mount();
    return this.mounted.container;
  }

  private static mount(): { container: HTMLElement; root: Root } {
    const container = document.createElement('div');
    document.body.append(container);
    return { container, root: createRoot(container) };
  }

  async render(path: string): Promise<void> {
    this.mounted ??= Screen.mount();
    const { root } = this.mounted;
    // A callback returning a promise makes act flush effects and updates before it resolves.
    await act(() => {
      root.render(
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
          <LocationProbe />
        </MemoryRouter>,
      );
      return Promise.resolve();
    });
  }

  unmount(): void {
    const mounted = this.mounted;
    if (!mounted) return;
    this.mounted = undefined;
    act(() => mounted.root.unmount());
    mounted.container.remove();
  }

  byTestId(id: string): HTMLElement | null {
    return this.container.querySelector(`[data-testid="${id}"]`);
  }

  /**
   * Lets pending fetches and state updates run until `id` appears; fails after
   * a bounded number of turns. Against the real server (realApi) a turn waits
   * a few milliseconds for the answer to arrive, up to `turns` of them.
   */
  async find(id: string, turns = 50): Promise<HTMLElement> {
    for (let turn = 0; turn < turns; turn += 1) {
      const found = this.byTestId(id);
      if (found) return found;
      await settle(turns > 50 ? 10 : 0);
    }
    throw new Error(`no element with data-testid="${id}"`);
  }

  /** Waits until the router is at `path`. */
  async waitForPath(path: string): Promise<void> {
    for (let turn = 0; turn < 50; turn += 1) {
      if (this.path() === path) return;
      await settle();
    }
    throw new Error(`still at ${this.path()}, expected ${path}`);
  }

  path(): string | null | undefined {
    return this.byTestId('location')?.textContent;
  }

  heading(): string | null | undefined {
    return this.container.querySelector('h1')?.textContent;
  }

  /** Types into an input the way React notices: through the native value setter, then an input event. */
  async type(id: string, value: string): Promise<void> {
    const input = await this.find(id);
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) {
      throw new Error(`${id} is not a text field`);
    }
    const prototype = input instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    await act(() => {
      Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return Promise.resolve();
    });
  }

  /** Types into each field named by test id, in order. */
  async fill(values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) await this.type(id, value);
  }

  /** Chooses an option of a select the way React notices. */
  async choose(id: string, value: string): Promise<void> {
    const select = await this.find(id);
    if (!(select instanceof HTMLSelectElement)) throw new Error(`${id} is not a select`);
    await act(() => {
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return Promise.resolve();
    });
  }

  /**
   * The error shown under a field, found as a screen reader finds it: through
   * the control's aria-describedby. Waits a bounded number of turns for it
   * (validation runs after the submit event); undefined when there is none.
   */
  async fieldError(id: string): Promise<string | undefined> {
    for (let turn = 0; turn < 20; turn += 1) {
      const control = await this.find(id);
      const errorId = control
        .getAttribute('aria-describedby')
        ?.split(' ')
        .find((part) => part.endsWith('-error'));
      const text = errorId === undefined ? undefined : document.getElementById(errorId)?.textContent;
      if (text) {
        expect(control.getAttribute('aria-invalid')).toBe('true');
        return text;
      }
      await settle();
    }
    return undefined;
  }

  async click(id: string): Promise<void> {
    const element = await this.find(id);
    await act(() => {
      element.click();
      return Promise.resolve();
    });
  }
}

/**
 * The screen of each test in this file, in `language`: the language is set
 * before each test; after it the app is unmounted, the fetch stub removed and
 * the saved language choice cleared.
 */
export function screenPerTest(language: Language = 'en'): Screen {
  const screen = new Screen();
  beforeEach(() => switchLanguage(language));
  afterEach(() => {
    screen.unmount();
    vi.unstubAllGlobals();
    localStorage.clear();
  });
  return screen;
}

export async function settle(ms = 0): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
}
