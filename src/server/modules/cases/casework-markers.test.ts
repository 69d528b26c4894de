import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { storeOf } from '../../../../test/backup.js';
import { TEST_DIALECTS, makeTempDir } from '../../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../../test/environment.js';
import { filesBelow, markerHits, pgDump } from '../../../../test/markers.js';
import { createBackup } from '../../backup/backup.js';
import { newMasterKey } from '../../crypto/master-key.js';
import { Keyring } from '../../crypto/keyring.js';
import type { IntakeDetail } from '../intake/intake.schema.js';
import type { PersonOut } from '../people/people.schema.js';
import type { CaseDetailOut } from './cases.schema.js';
import { addFollowUp, createIntakeRequest } from '../intake/intake.service.js';

/** Written through the API into intake requests, cases, notes, tasks and people; must never be readable at rest. */
const MARKERS = {
  handle: 'Ласточка-MK-4471',
  contact: 'signal-MK-swallow-9902',
  intakeText: 'Рапорт-МК-порван-5530',
  followUp: 'Дополнение-МК-Луганск-2208',
  caseTitle: 'Title-MK-Vorkuta-1187',
  caseSummary: 'Сводка-МК-Кадиевка-7741',
  stageNote: 'Переход-МК-Алчевск-3092',
  note: 'Заметка-МК-Перевальск-6624',
  task: 'Задача-МК-апелляция-3319',
  family: 'Щербаковский-МК',
  given: 'Евлампий-МК',
  patronymic: 'Фиофилактович-МК',
  latin: 'Shcherbakovsky-MK',
  latinGiven: 'Evlampy-MK',
  birth: '1971-08-29',
  phone: '+7-900-MK-11-22',
  contactNote: 'Звонить-МК-после-9',
};

interface Written {
  caseId: string;
  intakeId: string;
  personId: string;
}

describe.each(TEST_DIALECTS)('casework leaves nothing readable at rest on %s', (dialect) => {
  const clock = testClock();
  const master = newMasterKey();
  let t: TestApp;
  let call: ReturnType<typeof as>;
  let written: Written;
  const out = makeTempDir('homeward-markers-');

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock, keyring: new Keyring(master) });
    const db = t.database.handle.db;
    const coordinator = await buildUser(db, t.keyring, 'coordinator', clock);
    call = as(t.app, await signIn(t.app, coordinator, clock));
    const deps = { db, keyring: t.keyring, clock };
    const intake = await createIntakeRequest(
      deps,
      {
        handle: MARKERS.handle,
        contact: MARKERS.contact,
        requesterRole: 'spouse',
        groupSize: 1,
        urgency: 'high',
        text: `Муж пишет: ${MARKERS.intakeText}`,
        consentDocumentation: true,
        consentStatistics: false,
      },
      { channel: 'web_form' },
    );
    await addFollowUp(deps, intake.receiptCode, `Ещё: ${MARKERS.followUp}`);
    const opened = await call({
      method: 'POST',
      url: '/api/cases',
      payload: {
        type: 'contract_termination',
        title: MARKERS.caseTitle,
        summary: `Кратко: ${MARKERS.caseSummary}`,
        intakeId: intake.id,
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    let personId = '';
    for (const [url, payload] of [
      [`/api/cases/${caseId}/stage`, { to: 'safety_triage', note: `Причина: ${MARKERS.stageNote}` }],
      [`/api/cases/${caseId}/notes`, { body: `Встреча: ${MARKERS.note}` }],
      [`/api/cases/${caseId}/tasks`, { title: MARKERS.task, dueDate: '2026-12-20' }],
      [
        `/api/cases/${caseId}/people`,
        {
          role: 'serviceman',
          person: {
            personRole: 'serviceman',
            nameCyrillic: { family: MARKERS.family, given: MARKERS.given, patronymic: MARKERS.patronymic },
            nameLatin: { family: MARKERS.latin, given: MARKERS.latinGiven },
            birth: { date: MARKERS.birth, precision: 'day' },
            contacts: [{ kind: 'phone', value: MARKERS.phone, note: MARKERS.contactNote }],
          },
        },
      ],
    ] as const) {
      const response = await call({ method: 'POST', url, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      if (url.endsWith('/people')) personId = response.json<{ personId: string }>().personId;
    }
    written = { caseId, intakeId: intake.id, personId };
  });
  afterAll(async () => {
    await t.cleanup();
    out.remove();
  });

  // Every field written above reads back through the API, so a field silently not stored fails here
  // (and the scan below, which finds no marker, is not vacuous).
  it('reads back every field it wrote, each holding its marker', async () => {
    const get = async <T>(url: string): Promise<T> => {
      const response = await call({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json<T>();
    };
    const detail = await get<CaseDetailOut>(`/api/cases/${written.caseId}`);
    expect(detail.title).toBe(MARKERS.caseTitle);
    expect(detail.summary).toBe(`Кратко: ${MARKERS.caseSummary}`);
    expect(detail.tasks.map((task) => task.title)).toEqual([MARKERS.task]);
    expect(detail.people.map((p) => p.personId)).toEqual([written.personId]);

    const { events } = await get<{ events: { kind: string; body: string | null }[] }>(
      `/api/cases/${written.caseId}/timeline`,
    );
    expect(events.find((event) => event.kind === 'note')?.body).toBe(`Встреча: ${MARKERS.note}`);
    expect(events.find((event) => event.kind === 'stage')?.body).toBe(`Причина: ${MARKERS.stageNote}`);

    const person = await get<PersonOut>(`/api/people/${written.personId}`);
    expect(person.nameCyrillic).toEqual({
      family: MARKERS.family,
      given: MARKERS.given,
      patronymic: MARKERS.patronymic,
    });
    expect(person.nameLatin).toEqual({ family: MARKERS.latin, given: MARKERS.latinGiven });
    expect(person.birth).toEqual({ date: MARKERS.birth, precision: 'day' });
    expect(person.contacts).toEqual([{ kind: 'phone', value: MARKERS.phone, note: MARKERS.contactNote }]);

    const intake = await get<IntakeDetail>(`/api/intake/${written.intakeId}`);
    expect(intake.handle).toBe(MARKERS.handle);
    expect(intake.contact).toBe(MARKERS.contact);
    expect(intake.text).toBe(`Муж пишет: ${MARKERS.intakeText}`);
    expect(intake.messages.map((message) => message.body)).toEqual([`Ещё: ${MARKERS.followUp}`]);
  });

  it('shows no marker in the raw database (with its WAL) or a dump, nor in a backup archive', async () => {
    const sources: { name: string; bytes: Buffer }[] = [];
    if (dialect === 'sqlite') {
      for (const file of filesBelow(t.database.dataDir).filter((f) => f.includes('homeward.sqlite'))) {
        sources.push({ name: path.basename(file), bytes: fs.readFileSync(file) });
      }
    } else {
      sources.push({ name: 'pg_dump', bytes: pgDump(TEST_DATABASE_URL ?? '', t.database.handle.schema ?? '') });
    }
    const archive = path.join(out.dir, 'casework.hwbackup');
    await createBackup({ store: storeOf(t.database), masterKey: master, out: archive });
    sources.push({ name: 'backup archive', bytes: fs.readFileSync(archive) });
    expect(markerHits(sources, Object.values(MARKERS))).toEqual([]);
  });
});
