// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  breakGlassBody,
  breakGlassListSchema,
  breakGlassOpenedSchema,
  type BreakGlassGrant,
} from '../../../shared/break-glass.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { json, sessionState, settle, stubApi, screenPerTest } from '../../testing/harness.js';

const screen = screenPerTest();

const CASE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const ME = sessionState({ role: 'admin' }).user.id;

function grant(id: string, active: boolean, createdAt: string, userId = ME): BreakGlassGrant {
  return {
    id,
    userId,
    username: 'vera',
    caseId: CASE,
    caseNumber: '2026-0012',
    reason: 'caseworker_unreachable',
    note: active ? 'Hearing tomorrow, lawyer on a plane' : null,
    createdAt,
    expiresAt: '2026-11-25T12:00:00.000Z',
    endedAt: active ? null : '2026-11-25T11:00:00.000Z',
    active,
  };
}

// Answers are checked against the server's own schemas: a renamed field fails here, not in production.
const list = (grants: BreakGlassGrant[]) => json(breakGlassListSchema.parse({ grants }));

const GRANTS = [
  grant('g-old', false, '2026-11-20T10:00:00.000Z'),
  grant('g-active', true, '2026-11-19T10:00:00.000Z'),
  grant('g-new', false, '2026-11-24T10:00:00.000Z'),
];

describe('break-glass page', () => {
  it('lists active grants first for a coordinator, with the reason in words, the note and a link to the case', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/break-glass': () => list(GRANTS),
    });
    await screen.render('/break-glass');
    await screen.find('grants-table');
    const rows = [...screen.container.querySelectorAll<HTMLElement>('[data-testid="grant-row"]')];
    expect(rows.map((r) => r.dataset.active)).toEqual(['true', 'false', 'false']);
    const link = rows[0]?.querySelector<HTMLAnchorElement>('[data-testid="grant-case"]');
    expect(link?.textContent).toBe('2026-0012');
    expect(link?.getAttribute('href')).toBe(`/cases/${CASE}`);
    expect(rows[0]?.querySelector('[data-testid="grant-reason"]')?.textContent).toBe(
      'The assigned caseworker or lawyer cannot be reached',
    );
    expect(rows[0]?.querySelector('[data-testid="grant-note"]')?.textContent).toBe(
      'Hearing tomorrow, lawyer on a plane',
    );
    expect(screen.byTestId('bg-case')).toBeNull();
    expect(screen.byTestId('grant-end')).toBeNull();
  });

  it('lets an admin open one by case number with a reason code, asking for a note with "other"', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/break-glass': () => list([]),
      'POST /api/break-glass': () =>
        json(
          breakGlassOpenedSchema.parse({
            id: 'g-1',
            caseId: CASE,
            caseNumber: '2026-0012',
            expiresAt: '2026-11-25T12:00:00.000Z',
          }),
          201,
        ),
    });
    await screen.render('/break-glass');
    expect((await screen.find('break-glass-warning')).textContent).toContain('audit log');
    await screen.type('bg-case', 'Ivanov');
    await screen.choose('bg-reason', 'other');
    await screen.click('bg-submit');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    expect(screen.container.textContent).toContain('neither a case number');
    expect(screen.byTestId('bg-note')?.getAttribute('aria-invalid')).toBe('true');

    await screen.type('bg-case', ' 2026-0012 ');
    await screen.type('bg-note', 'Court order arrived by fax');
    await screen.type('bg-minutes', '60');
    await screen.click('bg-submit');
    await screen.find('grant-opened');
    const sent = seen.find((r) => r.method === 'POST')?.body;
    expect(sent).toEqual({ case: '2026-0012', reason: 'other', note: 'Court order arrived by fax', minutes: 60 });
    expect(breakGlassBody.safeParse(sent).success).toBe(true);
    expect(screen.byTestId('grant-opened')?.textContent).toContain('2026-0012');
    expect(screen.byTestId('grant-opened-case')?.getAttribute('href')).toBe(`/cases/${CASE}`);
  });

  it('shows the server naming the case field when no case has that number, in Russian too', async () => {
    await switchLanguage('ru');
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/break-glass': () => list([]),
      'POST /api/break-glass': () =>
        json(
          {
            error: {
              code: 'NOT_FOUND',
              message: 'No case has that number or id.',
              fields: [{ path: 'case', message: 'no case has that number or id', reason: 'not_found' }],
            },
          },
          404,
        ),
    });
    await screen.render('/break-glass');
    expect(screen.container.textContent).toContain('Номер дела, например 2026-0012');
    await screen.type('bg-case', '1999-9999');
    await screen.choose('bg-reason', 'legal_emergency');
    await screen.click('bg-submit');
    await screen.find('open-grant-error');
    expect(screen.container.textContent).toContain('Ничего с таким номером или идентификатором не найдено.');
    expect(screen.container.textContent).not.toContain('no case has that number or id');
    expect(screen.byTestId('grant-opened')).toBeNull();
  });
});

describe('the case page for an administrator', () => {
  it('opens through an active break-glass grant of their own', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/break-glass': () => list(GRANTS),
    });
    await screen.render(`/cases/${CASE}`);
    for (let turn = 0; turn < 20 && !seen.some((r) => r.path === `/api/cases/${CASE}`); turn += 1) await settle();
    expect(seen.some((r) => r.path === `/api/cases/${CASE}`)).toBe(true);
    expect(screen.byTestId('forbidden')).toBeNull();
  });

  it.each([
    ['no grant', []],
    ['only ended grants', [grant('g-old', false, '2026-11-20T10:00:00.000Z')]],
    ["another administrator's grant", [grant('g-other', true, '2026-11-20T10:00:00.000Z', 'someone-else')]],
  ])('says why it is closed with %s, and asks for nothing of the case', async (_what, grants) => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/break-glass': () => list(grants),
    });
    await screen.render(`/cases/${CASE}`);
    await screen.find('break-glass-needed');
    expect(screen.byTestId('forbidden')).not.toBeNull();
    expect(seen.some((r) => r.path.startsWith(`/api/cases/`))).toBe(false);
  });
});
