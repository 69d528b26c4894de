import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { storeOf } from '../../../../test/backup.js';
import { TEST_DIALECTS, makeTempDir } from '../../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../../test/environment.js';
import { exifWithGps, jpegWithGps, pdf, upload, type UploadedEvidence } from '../../../../test/evidence.js';
import { recordIncident } from '../../../../test/incidents.js';
import { filesBelow, markerHits, pgDump } from '../../../../test/markers.js';
import type { Call } from '../../../../test/world.js';
import { createBackup } from '../../backup/backup.js';
import { Keyring } from '../../crypto/keyring.js';
import { newMasterKey } from '../../crypto/master-key.js';
import { runCli } from '../../cli/main.js';
import { openLocalFileStore } from '../../files/file-store.js';
import { LocalBlobStore, filesDirIn } from '../../files/local-blob-store.js';
import { verifyStoredEvidence } from './verify.js';

/** In a file's bytes, its name, its description and a photo's comment: none may be readable at rest. */
const MARKERS = {
  content: 'Содержимое-МК-контракт-5521',
  name: 'Рапорт-МК-Иванов-8830',
  description: 'Описание-МК-Луганск-4417',
  comment: 'Comment-MK-phone-owner-2290',
  incidentContent: 'Содержимое-МК-инцидент-7734',
  incidentName: 'Приказ-МК-Петров-6612',
};

describe.each(TEST_DIALECTS)('evidence leaves nothing readable at rest on %s', (dialect) => {
  const clock = testClock();
  const master = newMasterKey();
  const out = makeTempDir('homeward-evidence-markers-');
  let t: TestApp;
  let call: Call;
  let caseId: string;
  let items: UploadedEvidence[];

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock, keyring: new Keyring(master) });
    const db = t.database.handle.db;
    call = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'coordinator', clock), clock));
    const opened = await call({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'M' } });
    caseId = opened.json<{ id: string }>().id;
    items = [];
    for (const [name, content] of [
      [`${MARKERS.name}.pdf`, pdf(MARKERS.content)],
      [`${MARKERS.name}.jpg`, jpegWithGps(MARKERS.comment)],
    ] as const) {
      clock.advance(1000);
      const response = await upload(
        call,
        caseId,
        { name, content },
        { kind: 'other', description: MARKERS.description },
      );
      expect(response.statusCode, response.body).toBe(201);
      items.push(response.json<UploadedEvidence>());
    }
    // An incident's file, sealed under the incident's key, is held to the same.
    const incidentId = await recordIncident(call);
    const response = await upload(
      call,
      { incident: incidentId },
      { name: `${MARKERS.incidentName}.pdf`, content: pdf(MARKERS.incidentContent) },
      { kind: 'other', description: MARKERS.description },
    );
    expect(response.statusCode, response.body).toBe(201);
    items.push(response.json<UploadedEvidence>());
  });
  afterAll(async () => {
    await t.cleanup();
    out.remove();
  });

  it('reads back the name and description it stored, so the scan below is not vacuous', async () => {
    const listed = await call({ method: 'GET', url: `/api/cases/${caseId}/evidence` });
    const names = listed.json<{ items: UploadedEvidence[] }>().items.map((i) => [i.name, i.description]);
    expect(names).toEqual([
      [`${MARKERS.name}.pdf`, MARKERS.description],
      [`${MARKERS.name}.jpg`, MARKERS.description],
    ]);
  });

  it('shows no marker, no EXIF block and no hash in the database, its WAL, the blob folder or a backup', async () => {
    const sources: { name: string; bytes: Buffer }[] = [];
    if (dialect === 'sqlite') {
      for (const file of filesBelow(t.database.dataDir).filter((f) => f.includes('homeward.sqlite'))) {
        sources.push({ name: path.basename(file), bytes: fs.readFileSync(file) });
      }
    } else {
      sources.push({ name: 'pg_dump', bytes: pgDump(TEST_DATABASE_URL ?? '', t.database.handle.schema ?? '') });
    }
    for (const file of filesBelow(filesDirIn(t.database.dataDir))) {
      sources.push({ name: `blob ${path.basename(file)}`, bytes: fs.readFileSync(file) });
    }
    const archive = path.join(out.dir, 'evidence.hwbackup');
    await createBackup({ store: storeOf(t.database), masterKey: master, out: archive });
    sources.push({ name: 'backup archive', bytes: fs.readFileSync(archive) });
    const hashes = items.map((item) => item.sha256);
    expect(markerHits(sources, [...Object.values(MARKERS), ...hashes])).toEqual([]);
    const exif = exifWithGps();
    expect(sources.filter((source) => source.bytes.includes(exif)).map((s) => s.name)).toEqual([]);
  });

  // The command runs on both databases; its PostgreSQL run would need a schema option the CLI does not have (the
  // tests' databases are schemas), so there it is the check the command prints.
  it('homeward evidence verify passes, then reports a stored original altered on disk by evidence and case, not name', async () => {
    const files = openLocalFileStore({ db: t.database.handle.db, keyring: t.keyring, dataDir: t.database.dataDir });
    const check = async () => {
      if (dialect === 'postgres') {
        const { checked, problems } = await verifyStoredEvidence(t.database.handle.db, files);
        const text = problems.map(
          (p) => `Evidence ${p.evidenceId} of case ${p.caseNumber}: the ${p.copy} is ${p.problem}`,
        );
        return {
          code: problems.length > 0 ? 1 : 0,
          text: [...text, `${String(problems.length)} of ${String(checked)}`].join('\n'),
        };
      }
      return cli();
    };
    const cli = async () => {
      const lines: string[] = [];
      const code = await runCli(['evidence', 'verify', '--data-dir', t.database.dataDir], {
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
        env: { HOMEWARD_MASTER_KEY: master.key.toString('base64'), HOMEWARD_KEYS_DIR: `${t.database.dataDir}-keys` },
      });
      return { code, text: lines.join('\n') };
    };
    const intact = await check();
    expect(intact, intact.text).toMatchObject({ code: 0 });
    // Three files of the case (a PDF, a photo and its working copy) and the incident's PDF.
    if (dialect === 'sqlite') expect(intact.text).toContain('All 4 stored evidence files match');
    else expect(intact.text).toBe('0 of 4');

    const row = await t.database.handle.db
      .selectFrom('evidence')
      .select(['original_file_id'])
      .where('id', '=', items[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    const blob = new LocalBlobStore(filesDirIn(t.database.dataDir)).pathOf(
      { type: 'case', id: caseId },
      row.original_file_id,
    );
    const bytes = fs.readFileSync(blob);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0x01;
    fs.writeFileSync(blob, bytes);
    const damaged = await check();
    expect(damaged.code).toBe(1);
    const number = (await call({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ number: string }>().number;
    expect(damaged.text).toContain(`Evidence ${items[0]?.id ?? ''} of case ${number}: the original is altered`);
    expect(damaged.text).not.toContain(MARKERS.name);
    expect(damaged.text).toContain(dialect === 'sqlite' ? '1 of 4 stored evidence files failed' : '1 of 4');
  });
});
