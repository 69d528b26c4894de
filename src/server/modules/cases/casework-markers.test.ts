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
import { createIntakeRequest } from '../intake/intake.service.js';

/** Written through the API into intake requests, cases, notes, tasks and people; must never be readable at rest. */
const MARKERS = {
  handle: 'Ласточка-MK-4471',
  contact: 'signal-MK-swallow-9902',
  intakeText: 'Рапорт-МК-порван-5530',
  caseTitle: 'Title-MK-Vorkuta-1187',
  note: 'Заметка-МК-Перевальск-6624',
  task: 'Задача-МК-апелляция-3319',
  family: 'Щербаковский-МК',
  latin: 'Shcherbakovsky-MK',
  phone: '+7-900-MK-11-22',
};

describe.each(TEST_DIALECTS)('casework leaves nothing readable at rest on %s', (dialect) => {
  const clock = testClock();
  const master = newMasterKey();
  let t: TestApp;
  const out = makeTempDir('homeward-markers-');

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock, keyring: new Keyring(master) });
    const db = t.database.handle.db;
    const coordinator = await buildUser(db, t.keyring, 'coordinator', clock);
    const cookie = await signIn(t.app, coordinator, clock);
    const call = as(t.app, cookie);
    const intake = await createIntakeRequest(
      { db, keyring: t.keyring, clock },
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
    const opened = await call({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: MARKERS.caseTitle, intakeId: intake.id },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    for (const [url, payload] of [
      [`/api/cases/${caseId}/notes`, { body: `Встреча: ${MARKERS.note}` }],
      [`/api/cases/${caseId}/tasks`, { title: MARKERS.task, dueDate: '2026-12-20' }],
      [
        `/api/cases/${caseId}/people`,
        {
          role: 'serviceman',
          person: {
            personRole: 'serviceman',
            nameCyrillic: { family: MARKERS.family, given: 'Иван' },
            nameLatin: { family: MARKERS.latin, given: 'Ivan' },
            contacts: [{ kind: 'phone', value: MARKERS.phone }],
          },
        },
      ],
    ] as const) {
      const response = await call({ method: 'POST', url, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    }
    // Everything can be read back through the API, so the scan below is not vacuous.
    const detail = await call({ method: 'GET', url: `/api/cases/${caseId}/timeline` });
    expect(detail.body).toContain(MARKERS.note);
  });
  afterAll(async () => {
    await t.cleanup();
    out.remove();
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
