/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions given to page.evaluate run in Chromium and read its DOM.
import fs from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/shared/roles.js';
import { VOCABULARIES } from '../src/shared/vocabularies.js';
import type { TermsResponse } from '../src/shared/vocabularies.schema.js';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';
import {
  UUID,
  ISO_DATE,
  VOCABULARY_WORDS,
  LANGUAGES,
  WIDTHS,
  readable,
  textInputs,
  words,
  type Visit,
} from './walk-checks.js';

/**
 * The page walker: seeds a case with people, a note, a task, a request and a
 * vocabulary value through the API, signs in as each role and visits every
 * page of the app with real ids, in English and in Russian, at 1280 px and
 * at 360 px. It fails on visible text that is a vocabulary code, a UUID or an
 * ISO date; on a free-text input standing in for a vocabulary filter; on a
 * serious or critical axe-core violation; and on a page wider than a 360 px
 * screen.
 */

describe('every page of the app, as each role reads it', () => {
  let e2e: E2eContext;
  const accounts = new Map<Role | 'enrolling', E2eAccount>();
  const account = (who: Role | 'enrolling'): E2eAccount => {
    const found = accounts.get(who);
    if (found === undefined) throw new Error(`no account for ${who}`);
    return found;
  };
  /** Vocabulary codes no label also spells (a code that is an ordinary word is not a leak). */
  const codes = new Set<string>();
  const ids: Record<string, string> = {};
  const failures = new Map<string, string[]>();

  const post = async (path: string, body: unknown, cookie: string, method = 'POST'): Promise<unknown> => {
    const response = await fetch(`${e2e.server.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-homeward-request': '1',
        cookie,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`seed: ${method} ${path} answered ${String(response.status)}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  const get = async <T>(path: string, cookie: string): Promise<T> => {
    const response = await fetch(`${e2e.server.url}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`seed: GET ${path} answered ${String(response.status)}`);
    return (await response.json()) as T;
  };
  const signIn = async (account: E2eAccount): Promise<string> => {
    const code = account.recoveryCodes.shift() ?? '';
    const response = await fetch(`${e2e.server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-homeward-request': '1' },
      body: JSON.stringify({ username: account.username, password: account.password, code }),
    });
    if (!response.ok) throw new Error(`seed: sign-in of ${account.username} answered ${String(response.status)}`);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };

  /** A request through the public form, with JavaScript off, as a requester sends it. */
  const request = async (handle: string, text: string): Promise<void> => {
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    await page.locator('#f-handle').fill(handle);
    await page.locator('#f-contact').fill(`signal: ${handle}`);
    await page.locator('#f-requesterRole').selectOption('spouse');
    await page.locator('#f-text').fill(text);
    await page.locator('#f-consentDocumentation').check();
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    await page.context().close();
  };

  beforeAll(async () => {
    e2e = await startE2e();
    accounts.set('admin', await e2e.setUpAdmin());
    for (const role of ['intake', 'caseworker', 'lawyer', 'coordinator', 'analyst'] as const) {
      accounts.set(role, await e2e.addUser(role, `walk-${role}`));
    }
    const admin = await signIn(account('admin'));
    const coordinator = await signIn(account('coordinator'));

    const terms = new Map<string, TermsResponse['terms']>();
    for (const vocabulary of VOCABULARIES) {
      terms.set(vocabulary, (await get<TermsResponse>(`/api/vocabularies/${vocabulary}`, coordinator)).terms);
    }
    const first = (vocabulary: string): string => terms.get(vocabulary)?.[0]?.code ?? '';
    const added = (await post(
      '/api/vocabularies/force/terms',
      { code: 'walk_force', labelRu: 'Пограничная служба (проверка)', labelEn: 'Border service (walk)' },
      coordinator,
    )) as TermsResponse['terms'][number];
    terms.get('force')?.push(added);
    const labels = new Set([...terms.values()].flat().flatMap((term) => [term.labelEn, term.labelRu]));
    for (const term of [...terms.values()].flat()) if (!labels.has(term.code)) codes.add(term.code);

    await request('Ласточка', 'Мужа удерживали в части после окончания контракта, рапорт вернули.');
    await request('Sokol', 'Brother was told his contract is extended indefinitely.');
    const queue = await get<{ requests: { id: string }[] }>('/api/intake', coordinator);
    const [caseRequest, openRequest] = queue.requests.map((row) => row.id);
    ids.intake = openRequest ?? '';

    const opened = (await post(
      '/api/cases',
      { type: first('case_type'), title: 'Discharge refused', region: 'RU-BU', intakeId: caseRequest },
      coordinator,
    )) as { id: string; number: string };
    ids.case = opened.id;
    const users = await get<{ users: { id: string; username: string }[] }>('/api/users', admin);
    for (const user of users.users.filter((u) => /walk-(caseworker|lawyer)/.test(u.username))) {
      await post(`/api/cases/${opened.id}/grants/${user.id}`, undefined, coordinator, 'PUT');
    }
    await post(`/api/cases/${opened.id}/notes`, { body: 'Доржиев сказал, что его удерживали.' }, coordinator);
    await post(
      `/api/cases/${opened.id}/tasks`,
      { title: 'Ask the unit for the order', dueDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) },
      coordinator,
    );
    const link = (await post(
      `/api/cases/${opened.id}/people`,
      {
        role: first('person_role'),
        person: {
          nameCyrillic: { family: 'Доржиев', given: 'Баир' },
          nameLatin: { family: 'Dorzhiev', given: 'Bair' },
          region: 'RU-BU',
          force: 'walk_force',
          serviceCategory: first('service_category'),
          contacts: [{ kind: 'phone', value: '+7 900 000 00 00' }],
        },
      },
      coordinator,
    )) as { personId: string };
    ids.person = link.personId;
    const recorded = (await post(
      '/api/incidents',
      {
        title: 'Held at Perevalsk',
        description: 'Brought back from leave and held in the camp.',
        start: { date: '2022-10', precision: 'month' },
        place: 'perevalsk',
        confidentiality: 'internal',
        caseIds: [opened.id],
        acts: [
          {
            actType: 'detention_without_trial',
            start: { date: '2022', precision: 'estimate' },
            victims: [{ count: 15, force: 'walk_force', region: 'RU-BU' }, { personId: link.personId }],
          },
        ],
      },
      coordinator,
    )) as { id: string };
    ids.incident = recorded.id;
    await post(
      '/api/sources',
      { kind: 'media_report', reliability: 'usually_reliable', outlet: 'Verstka', incidentIds: [recorded.id] },
      coordinator,
    );
    await post(
      '/api/break-glass',
      { case: opened.number, reason: 'caseworker_unreachable', minutes: 240, note: 'Walk' },
      admin,
    );

    // An account that has not enrolled its second factor yet meets the enrolment page.
    const enrolling = { username: 'walk-enrolling', password: 'walk enrolling passphrase' };
    await post('/api/users', { ...enrolling, role: 'caseworker' }, admin);
    accounts.set('enrolling', { ...enrolling, recoveryCodes: [] });
  }, 120_000);
  afterAll(() => e2e.close());

  /** Every route of App.tsx, with the roles that may open it. */
  const plan = (): Map<Role | 'signedOut' | 'enrolling', Visit[]> => {
    const everyone = [
      { route: '/', url: '/' },
      { route: 'account', url: '/account' },
      { route: 'vocabularies', url: '/vocabularies' },
      { route: '*', url: '/no/such/page' },
    ];
    const casework = [
      { route: 'cases', url: '/cases' },
      { route: 'my-work', url: '/my-work' },
      { route: 'cases/:caseId', url: `/cases/${ids.case ?? ''}` },
      { route: 'people/:personId', url: `/people/${ids.person ?? ''}` },
      { route: 'incidents', url: '/incidents' },
      { route: 'incidents/:incidentId', url: `/incidents/${ids.incident ?? ''}` },
    ];
    const statistics = { route: 'statistics', url: '/statistics' };
    // What the seeded note and request say, so the results hold a case, a note and a request.
    const search = { route: 'search', url: `/search?q=${encodeURIComponent('удерж')}` };
    const triage = [
      { route: 'triage', url: '/triage' },
      { route: 'triage/:intakeId', url: `/triage/${ids.intake ?? ''}` },
    ];
    return new Map<Role | 'signedOut' | 'enrolling', Visit[]>([
      [
        'signedOut',
        [
          { route: 'login', url: '/login' },
          { route: 'setup', url: '/setup' },
        ],
      ],
      ['enrolling', [{ route: 'enrol', url: '/enrol' }]],
      ['intake', [...everyone, ...triage, search]],
      ['caseworker', [...everyone, ...casework, search]],
      ['lawyer', [...everyone, ...casework, search]],
      [
        'coordinator',
        [
          ...everyone,
          ...casework,
          ...triage,
          search,
          { route: 'cases/new', url: `/cases/new?intake=${ids.intake ?? ''}` },
          { route: 'people/duplicates', url: '/people/duplicates' },
          { route: 'people/merge', url: `/people/merge?from=${ids.person ?? ''}` },
          { route: 'break-glass', url: '/break-glass' },
          { route: 'incidents/new', url: `/incidents/new?case=${ids.case ?? ''}` },
          { route: 'incidents/:incidentId/edit', url: `/incidents/${ids.incident ?? ''}/edit` },
          statistics,
        ],
      ],
      ['analyst', [...everyone, statistics]],
      [
        'admin',
        [
          ...everyone,
          { route: 'break-glass', url: '/break-glass' },
          { route: 'cases/:caseId', url: `/cases/${ids.case ?? ''}` },
          { route: 'admin/users', url: '/admin/users' },
          { route: 'admin/audit', url: '/admin/audit' },
          { route: 'admin/api-tokens', url: '/admin/api-tokens' },
          statistics,
          { route: 'admin/publication', url: '/admin/publication' },
        ],
      ],
    ]);
  };

  it('walks every route of the app', () => {
    const source = fs.readFileSync(new URL('../src/web/App.tsx', import.meta.url), 'utf8');
    const routes = new Set(['/', ...[...source.matchAll(/\bpath="([^"]+)"/g)].map((match) => match[1] ?? '')]);
    const walked = new Set([...plan().values()].flat().map((visit) => visit.route));
    expect([...routes].filter((route) => !walked.has(route))).toEqual([]);
  });

  /** Waits until the page has loaded what it shows: a heading, no loading line, the network quiet. */
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    await expect.poll(() => page.locator('[data-testid$="-loading"], [aria-busy="true"]').count()).toBe(0);
  }

  async function check(page: Page, visit: Visit, who: string, language: string, width: number): Promise<void> {
    const found: string[] = [];
    if (width === 1280) {
      const vocabularyPage = visit.route === 'vocabularies';
      for (const seen of await page.evaluate(readable)) {
        if (UUID.test(seen.text)) found.push(`UUID in ${seen.where}: "${seen.text}"`);
        else if (ISO_DATE.test(seen.text)) found.push(`ISO date in ${seen.where}: "${seen.text}"`);
        else if (codes.has(seen.text) && !(vocabularyPage && seen.code)) {
          found.push(`vocabulary code in ${seen.where}: "${seen.text}"`);
        }
      }
      for (const input of await page.evaluate(textInputs)) {
        if (words(input.names).some((word) => VOCABULARY_WORDS.has(word))) {
          found.push(`free-text input for a vocabulary: ${input.where}`);
        }
      }
    } else {
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > inner) found.push(`wider than the screen: ${String(scroll)} px at ${String(inner)} px`);
    }
    await page.evaluate(axe.source);
    const result = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
    );
    for (const violation of result.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
        found.push(`axe ${violation.impact} ${violation.id} at ${String(width)} px: ${targets.join(', ')}`);
      }
    }
    if (found.length > 0) {
      const key = `${visit.route} (${who})`;
      failures.set(key, [...(failures.get(key) ?? []), ...found.map((f) => `${language}: ${f}`)]);
    }
  }

  async function walk(page: Page, who: string, visits: readonly Visit[]): Promise<void> {
    for (const language of LANGUAGES) {
      if (language === 'ru') await page.getByTestId('lang-switch').selectOption('ru');
      for (const visit of visits) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto(`${e2e.server.url}${visit.url}`);
          await settled(page);
          await check(page, visit, who, language, width);
        }
      }
    }
  }

  it('shows no code, UUID or ISO date, no free-text vocabulary filter, no axe violation, nothing wider than 360 px', async () => {
    for (const [who, visits] of plan()) {
      let page: Page;
      if (who === 'signedOut') {
        page = await e2e.newPage({ locale: 'en-US' });
        await page.goto(`${e2e.server.url}/login`);
      } else if (who === 'enrolling') {
        const enrolling = account('enrolling');
        page = await e2e.newPage({ locale: 'en-US' });
        await page.goto(`${e2e.server.url}/login`);
        await page.getByTestId('login-username').fill(enrolling.username);
        await page.getByTestId('login-password').fill(enrolling.password);
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/\/enrol$/);
      } else {
        page = await e2e.newPage({ locale: 'en-US', account: account(who) });
      }
      await settled(page);
      await walk(page, who, visits);
      await page.context().close();
    }
    const failing = [...failures.keys()].sort();
    const report = [...failures].map(([key, list]) => `${key}\n  ${[...new Set(list)].join('\n  ')}`).join('\n');
    expect(failing, `pages failing the walk:\n${report}`).toEqual([]);
  }, 900_000);
});
