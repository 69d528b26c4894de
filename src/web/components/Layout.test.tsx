// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { json, screenPerTest, sessionState, stubApi } from '../testing/harness.js';

const screen = screenPerTest();

function signedIn(): void {
  stubApi({
    'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
    'GET /api/health': () => json({ status: 'ok', database: 'sqlite', version: '0.1.0', demo: false }),
  });
}

async function press(key: string): Promise<void> {
  await act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    return Promise.resolve();
  });
}

describe('the navigation menu on a phone', () => {
  it('opens from a button that says what it controls, and closes on Escape with focus back on the button', async () => {
    signedIn();
    await screen.render('/account');
    const toggle = await screen.find('nav-toggle');
    const nav = await screen.find('main-nav');
    expect(toggle.textContent).toBe('Menu');
    expect(toggle.getAttribute('aria-controls')).toBe(nav.id);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(nav.getAttribute('data-open')).toBe('false');

    await screen.click('nav-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(nav.getAttribute('data-open')).toBe('true');

    await press('Escape');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(nav.getAttribute('data-open')).toBe('false');
    expect(document.activeElement).toBe(toggle);

    // A second press of the button closes it too.
    await screen.click('nav-toggle');
    await screen.click('nav-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes when a link is followed, and other keys leave it open', async () => {
    signedIn();
    await screen.render('/account');
    await screen.click('nav-toggle');
    await press('Enter');
    expect((await screen.find('nav-toggle')).getAttribute('aria-expanded')).toBe('true');
    await screen.click('nav-vocabularies');
    await screen.waitForPath('/vocabularies');
    expect((await screen.find('nav-toggle')).getAttribute('aria-expanded')).toBe('false');
    expect((await screen.find('main-nav')).getAttribute('data-open')).toBe('false');
  });
});

describe('the navigation menu in Russian', () => {
  const russian = screenPerTest('ru');

  it('names the button in Russian', async () => {
    signedIn();
    await russian.render('/account');
    expect((await russian.find('nav-toggle')).textContent).toBe('Меню');
  });
});

describe('before the second factor is enrolled', () => {
  it('offers no menu at all', async () => {
    stubApi({ 'GET /api/session': () => json(sessionState({ role: 'caseworker' }, true)) });
    await screen.render('/enrol');
    await screen.find('user-menu');
    expect(screen.byTestId('nav-toggle')).toBeNull();
    expect(screen.byTestId('main-nav')).toBeNull();
  });
});
