// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../App.js';
import { switchLanguage } from '../i18n/i18n.js';

// Tells React this is a test runner, so act() flushes effects and updates.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A signed-in caseworker, so the guards let the home page show. */
const SESSION = {
  user: { id: 'u-1', username: 'vera', role: 'caseworker', factorEnrolled: true },
  session: {
    id: 's-1',
    createdAt: '2026-11-25T10:00:00.000Z',
    expiresAt: '2026-11-25T22:00:00.000Z',
    idleExpiresAt: '2026-11-25T10:30:00.000Z',
  },
  enrolmentRequired: false,
};

/** Answers GET /api/session with SESSION and everything else with `health`. */
function stubFetch(health: () => Promise<Response>): void {
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : input.toString();
    return url.startsWith('/api/session') ? Promise.resolve(Response.json(SESSION)) : health();
  });
}

let container: HTMLElement;
let root: Root;

async function render(path: string): Promise<void> {
  await act(async () => {
    root.render(
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>,
    );
  });
}

function byTestId(id: string): HTMLElement | null {
  return container.querySelector(`[data-testid="${id}"]`);
}

/** Lets pending fetches and state updates run until `id` appears; fails after a bounded number of turns. */
async function findByTestId(id: string): Promise<HTMLElement> {
  for (let turn = 0; turn < 50; turn += 1) {
    const found = byTestId(id);
    if (found) return found;
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }
  throw new Error(`no element with data-testid="${id}"`);
}

function heading(): string | null | undefined {
  return container.querySelector('h1')?.textContent;
}

beforeEach(async () => {
  await switchLanguage('ru');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('home page', () => {
  it('shows the server health with localized labels', async () => {
    stubFetch(() => Promise.resolve(Response.json({ status: 'ok', database: 'postgres', version: '0.1.0' })));
    await render('/');
    expect((await findByTestId('health-status')).textContent).toBe('Работает');
    expect(byTestId('health-status')?.dataset.status).toBe('ok');
    expect(byTestId('health-database')?.textContent).toBe('PostgreSQL');
    expect(byTestId('health-version')?.textContent).toBe('0.1.0');
    expect(container.textContent).toContain('База данных');
  });

  it('shows a localized error that follows a language switch', async () => {
    stubFetch(() => Promise.reject(new TypeError('fetch failed')));
    await render('/');
    const error = await findByTestId('health-error');
    expect(error.dataset.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.textContent).toContain('Сервер сейчас недоступен');

    await act(() => switchLanguage('en'));
    expect(byTestId('health-error')?.textContent).toContain('The server cannot be reached');
  });

  it('shows a loading state until the server answers, and a heading that follows the language switch', async () => {
    stubFetch(() => new Promise<Response>(() => undefined));
    await render('/');
    expect((await findByTestId('health-loading')).textContent).toBe('Проверяем сервер…');
    expect(heading()).toBe('Главная');

    const select = byTestId('lang-switch');
    if (!(select instanceof HTMLSelectElement)) throw new Error('lang-switch is not a <select>');
    expect(select.labels[0]?.textContent).toBe('Язык');
    await act(async () => {
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });

    expect(heading()).toBe('Home');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('homeward.lang')).toBe('en');
  });
});

describe('unknown routes', () => {
  it('show a localized page-not-found page inside the layout', async () => {
    stubFetch(() => new Promise<Response>(() => undefined));
    await render('/no/such/page');
    expect(await findByTestId('not-found')).not.toBeNull();
    expect(heading()).toBe('Страница не найдена');
    expect(byTestId('lang-switch')).not.toBeNull();

    await act(() => switchLanguage('en'));
    expect(heading()).toBe('Page not found');
  });
});
