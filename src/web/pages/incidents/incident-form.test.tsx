// @vitest-environment jsdom
// The first and last tests fill many fields: they get more than the default five seconds on a loaded machine.
import { describe, expect, it } from 'vitest';
import { vocabularyRoutes } from '../../testing/fixtures.js';
import {
  apiError,
  json,
  screenPerTest,
  sessionState,
  settle,
  stubApi,
  validationFailed,
  type SeenRequest,
} from '../../testing/harness.js';
import { CASE_ID, incident, INCIDENT, TERMS } from './incident-fixtures.js';

const screen = screenPerTest();

function api(answers: { post?: () => Response; put?: () => Response; get?: () => Response } = {}) {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
    'POST /api/incidents': answers.post ?? (() => json(incident(), 201)),
    [`PUT /api/incidents/${INCIDENT}`]: answers.put ?? (() => json(incident({ version: 4 }))),
    [`GET /api/incidents/${INCIDENT}`]: answers.get ?? (() => json(incident())),
    'GET /api/incidents': () => json({ incidents: [], next: null }),
    ...vocabularyRoutes(TERMS),
  });
}

const sent = (seen: SeenRequest[], method: string) =>
  seen.filter((r) => r.method === method && r.path.startsWith('/api/incidents')).at(-1)?.body;

describe('the incident form', () => {
  it('checks the title and a group count before sending, then sends acts with their repeated victims', async () => {
    const seen = api();
    await screen.render(`/incidents/new?case=${CASE_ID}`);
    await screen.find('incident-form-title');
    await screen.type('act-0-victim-0-count', '');
    await screen.click('incident-form-submit');
    expect(await screen.fieldError('incident-form-title')).toBe('Fill in this field.');
    expect(await screen.fieldError('act-0-victim-0-count')).toBe('Fill in this field.');
    expect(sent(seen, 'POST')).toBeUndefined();

    await screen.type('incident-form-title', 'Held at Perevalsk');
    await screen.choose('incident-form-place', 'perevalsk');
    await screen.choose('incident-form-start-precision', 'month');
    await screen.type('incident-form-start-date', '2026-03');
    await screen.choose('act-0-type', 'criminal_charge');
    await screen.type('act-0-article', '337');
    await screen.type('act-0-part', '5');
    await screen.type('act-0-victim-0-count', '15');
    await screen.choose('act-0-victim-0-force', 'national_guard');
    await screen.click('act-0-victim-add');
    await screen.type('act-0-victim-1-count', '2');
    await screen.click('act-add');
    await screen.choose('act-1-type', 'detention_without_trial');
    await screen.click('act-1-victim-0-remove');
    await screen.click('perpetrator-add');
    await screen.choose('perpetrator-0-unit', 'vch_6720');
    await screen.choose('perpetrator-0-involvement', 'carried_out');
    await screen.click('incident-form-submit');
    await screen.waitForPath(`/incidents/${INCIDENT}`);
    expect(sent(seen, 'POST')).toEqual({
      title: 'Held at Perevalsk',
      description: null,
      start: { date: '2026-03', precision: 'month' },
      end: null,
      place: 'perevalsk',
      region: null,
      confidentiality: 'internal',
      acts: [
        {
          actType: 'criminal_charge',
          criminalArticle: '337',
          criminalPart: '5',
          start: null,
          end: null,
          place: null,
          victims: [
            { count: 15, force: 'national_guard', region: null, serviceCategory: null },
            { count: 2, force: null, region: null, serviceCategory: null },
          ],
        },
        {
          actType: 'detention_without_trial',
          criminalArticle: null,
          criminalPart: null,
          start: null,
          end: null,
          place: null,
          victims: [],
        },
      ],
      perpetrators: [{ unit: 'vch_6720', involvement: 'carried_out' }],
      caseIds: [CASE_ID],
    });
  }, 20_000);

  it("shows the server's field errors at their fields", async () => {
    api({
      post: () =>
        validationFailed([{ path: 'acts.0.actType', reason: 'invalid_value', message: 'is not a term of act_type' }]),
    });
    await screen.render('/incidents/new');
    await screen.type('incident-form-title', 'Held');
    await screen.choose('act-0-type', 'detention_without_trial');
    await screen.click('incident-form-submit');
    expect(await screen.fieldError('act-0-type')).toBe('Choose one of the offered values.');
    expect(screen.byTestId('form-error')?.getAttribute('data-code')).toBe('VALIDATION_FAILED');
  });

  it('on a conflict keeps what was typed, says so, and loads the other edit only when asked', async () => {
    let version = 3;
    const seen = api({
      put: () => apiError(409, 'CONFLICT'),
      get: () => json(incident({ version, title: version === 3 ? 'Held at Perevalsk' : 'Their title' })),
    });
    await screen.render(`/incidents/${INCIDENT}/edit`);
    await screen.find('incident-form-title');

    await screen.type('incident-form-title', 'My title');
    version = 4;
    await screen.click('incident-form-submit');
    const alert = await screen.find('incident-conflict');
    expect(alert.textContent).toContain('Someone else saved this incident');
    expect((sent(seen, 'PUT') as { version: number }).version).toBe(3);
    expect((screen.byTestId('incident-form-title') as HTMLInputElement).value).toBe('My title');
    await screen.click('incident-conflict-reload');
    for (let turn = 0; turn < 20 && screen.byTestId('incident-conflict') !== null; turn += 1) await settle();
    expect((screen.byTestId('incident-form-title') as HTMLInputElement).value).toBe('Their title');
    await screen.click('incident-form-submit');
    await settle();
    expect((sent(seen, 'PUT') as { version: number }).version).toBe(4);
  }, 20_000);
});
