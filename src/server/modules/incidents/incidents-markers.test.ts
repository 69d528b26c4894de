import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { storeOf } from '../../../../test/backup.js';
import { TEST_DIALECTS, makeTempDir } from '../../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../../test/environment.js';
import { incidentBody, sourceBody } from '../../../../test/incidents.js';
import { filesBelow, markerHits, pgDump } from '../../../../test/markers.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { createBackup } from '../../backup/backup.js';
import { Keyring } from '../../crypto/keyring.js';
import { newMasterKey } from '../../crypto/master-key.js';

/** Written into an incident's sealed fields (first recorded, then edited) and a source's; never readable at rest. */
const MARKERS = {
  title: 'Инцидент-МК-Перевальск-4410',
  description: 'Описание-МК-подвал-8826',
  editedTitle: 'Правка-МК-Брянка-3307',
  editedDescription: 'Правка-описания-МК-5519',
  outlet: 'Издание-МК-Вёрстка-2231',
  url: 'https://mk-marker.example/kadievka-6402',
  sourceTitle: 'Заголовок-МК-Кадиевка-9913',
  sourceDescription: 'Документ-МК-рапорт-7781',
};

describe.each(TEST_DIALECTS)('incidents leave nothing readable at rest on %s', (dialect) => {
  const clock = testClock();
  const master = newMasterKey();
  let t: TestApp;
  let seed: Seeder;
  let incident: Incident;
  let sourceId: string;
  const out = makeTempDir('homeward-incident-markers-');

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock, keyring: new Keyring(master) });
    seed = await buildSeeder(t, clock);
    const call = seed.coordinatorCall;
    const first = await call({
      method: 'POST',
      url: '/api/incidents',
      payload: incidentBody({ title: MARKERS.title, description: MARKERS.description }),
    });
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json<Incident>().id;
    // The first version's text must not stay behind either.
    const edited = await call({
      method: 'PUT',
      url: `/api/incidents/${id}`,
      payload: { ...incidentBody({ title: MARKERS.editedTitle, description: MARKERS.editedDescription }), version: 1 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    incident = edited.json<Incident>();
    const source = await call({
      method: 'POST',
      url: '/api/sources',
      payload: sourceBody({
        outlet: MARKERS.outlet,
        url: MARKERS.url,
        title: MARKERS.sourceTitle,
        description: MARKERS.sourceDescription,
        incidentIds: [id],
      }),
    });
    expect(source.statusCode, source.body).toBe(201);
    sourceId = source.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.cleanup();
    out.remove();
  });

  it('reads back the text it wrote', async () => {
    expect(incident.title).toBe(MARKERS.editedTitle);
    expect(incident.description).toBe(MARKERS.editedDescription);
    const source = await seed.coordinatorCall({ method: 'GET', url: `/api/sources/${sourceId}` });
    expect(source.json()).toMatchObject({
      outlet: MARKERS.outlet,
      url: MARKERS.url,
      title: MARKERS.sourceTitle,
      description: MARKERS.sourceDescription,
    });
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
    const archive = path.join(out.dir, 'incidents.hwbackup');
    await createBackup({ store: storeOf(t.database), masterKey: master, out: archive });
    sources.push({ name: 'backup archive', bytes: fs.readFileSync(archive) });
    expect(markerHits(sources, Object.values(MARKERS))).toEqual([]);
  });
});
