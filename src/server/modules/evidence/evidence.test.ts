import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp, rowCount } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import {
  GPS,
  JPEG,
  jpegWithGps,
  multipart,
  pdf,
  sha256,
  upload,
  type UploadedEvidence,
} from '../../../../test/evidence.js';
import { bytesHits, filesBelow, pgRelationFiles, sqliteFiles } from '../../../../test/markers.js';
import type { Call } from '../../../../test/world.js';
import { filesDirIn } from '../../files/local-blob-store.js';

const LIMIT = 256 * 1024;

describe.each(TEST_DIALECTS)('evidence files on %s', (dialect) => {
  const clock = testClock('2026-12-01T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let outsider: Call;
  let caseId: string;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock, { evidenceMaxBytes: LIMIT });
    const member = async (role: 'coordinator' | 'lawyer') => {
      const account = await buildUser(t.db, t.keyring, role, clock);
      return { id: account.user.id, call: as(t.app, await signIn(t.app, account, clock)) };
    };
    coordinator = (await member('coordinator')).call;
    const granted = await member('lawyer');
    lawyer = granted.call;
    outsider = (await member('lawyer')).call;
    const opened = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'E' } });
    caseId = opened.json<{ id: string }>().id;
    const grant = await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${granted.id}` });
    expect(grant.statusCode).toBe(204);
  });
  afterAll(() => t.cleanup());

  /** Rows and stored blobs (temporary files included) of the case: what a refused upload must not leave. */
  async function leftovers(): Promise<{ evidence: number; files: number; blobs: string[] }> {
    return {
      evidence: await rowCount(t.db, 'evidence'),
      files: await rowCount(t.db, 'files'),
      blobs: filesBelow(path.join(filesDirIn(t.database.dataDir), 'case', caseId)),
    };
  }

  it('takes in a PDF as it streams: hash of the bytes sent, name cleaned of folders, listed with its kind', async () => {
    const content = pdf('raport');
    const response = await upload(
      lawyer,
      caseId,
      { name: 'C:\\Users\\anna\\scans\\..\\рапорт №12.pdf', type: 'application/pdf', content },
      { kind: 'report_with_stamp', description: 'Рапорт с отметкой о регистрации' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json<UploadedEvidence>();
    expect(item).toMatchObject({
      name: 'рапорт №12.pdf',
      sha256: sha256(content),
      size: content.length,
      mediaType: 'application/pdf',
      kind: 'report_with_stamp',
      description: 'Рапорт с отметкой о регистрации',
      hasWorkingCopy: false,
    });
    const listed = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence` });
    expect(listed.json<{ items: UploadedEvidence[] }>().items.find((i) => i.id === item.id)).toMatchObject(item);
    const original = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${item.id}/original` });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(original.headers['content-disposition']).toContain(encodeURIComponent('рапорт №12.pdf'));
    expect(original.rawPayload.equals(content)).toBe(true);
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['/var/lib/x/..pdf', 'pdf'],
    ['a/b\\c.pdf', 'c.pdf'],
  ])('keeps only the last part of the name %s', async (sent, kept) => {
    const response = await upload(lawyer, caseId, { name: sent, content: pdf() });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<UploadedEvidence>().name).toBe(kept);
  });

  it.each([
    ['a PNG named .pdf', { name: 'scan.pdf', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }],
    ['a JPEG declared as a PDF', { name: 'scan', type: 'application/pdf', content: JPEG }],
    [
      'a program named .pdf',
      { name: 'decision.pdf', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 1)]) },
    ],
    [
      'a HTML page declared as a PDF',
      { name: 'x.pdf', type: 'application/pdf', content: Buffer.from('<html><script>') },
    ],
  ])('refuses %s with UNSUPPORTED_FILE_TYPE and leaves nothing behind', async (_what, file) => {
    const before = await leftovers();
    const response = await upload(lawyer, caseId, file);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await leftovers()).toEqual(before);
  });

  it('refuses a file over the size limit with FILE_TOO_LARGE 413 and leaves no row or blob', async () => {
    const before = await leftovers();
    const content = Buffer.concat([pdf(), Buffer.alloc(LIMIT, 0x20)]);
    const response = await upload(lawyer, caseId, { name: 'big.pdf', content });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('FILE_TOO_LARGE');
    expect(await leftovers()).toEqual(before);
    // Exactly at the limit is still taken in.
    const fits = await upload(lawyer, caseId, { name: 'fits.pdf', content: content.subarray(0, LIMIT) });
    expect(fits.statusCode, fits.body).toBe(201);
  });

  it('refuses an upload cut off midway (no closing boundary) and leaves nothing behind', async () => {
    const before = await leftovers();
    const body = multipart(
      { kind: 'other' },
      { name: 'cut.pdf', content: Buffer.concat([pdf(), Buffer.alloc(100_000, 0x41)]) },
    );
    const cut = body.payload.subarray(0, body.payload.length - 60_000);
    const response = await lawyer({
      method: 'POST',
      url: `/api/cases/${caseId}/evidence`,
      headers: body.headers,
      payload: cut,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('file');
    expect(await leftovers()).toEqual(before);
  });

  it('names the field at fault: no file, an unknown kind, a JSON body', async () => {
    const noFile = multipart({ kind: 'other' }, undefined);
    const a = await lawyer({ method: 'POST', url: `/api/cases/${caseId}/evidence`, ...noFile });
    expect(a.statusCode).toBe(400);
    expect(a.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('file');
    const b = await upload(lawyer, caseId, { name: 'x.pdf', content: pdf() }, { kind: 'selfie' });
    expect(b.statusCode).toBe(400);
    expect(b.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('kind');
    const c = await lawyer({ method: 'POST', url: `/api/cases/${caseId}/evidence`, payload: { kind: 'other' } });
    expect(c.statusCode).toBe(415);
  });

  it('answers 404 to a lawyer without a grant, for upload, list, view and original alike', async () => {
    const made = await upload(lawyer, caseId, { name: 'x.pdf', content: pdf() });
    const id = made.json<UploadedEvidence>().id;
    const before = await leftovers();
    expect((await upload(outsider, caseId, { name: 'y.pdf', content: pdf() })).statusCode).toBe(404);
    for (const url of ['', `/${id}/working`, `/${id}/original`, `/${id}/custody`, '/package']) {
      const response = await outsider({ method: 'GET', url: `/api/cases/${caseId}/evidence${url}` });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('x.pdf');
    }
    expect(await leftovers()).toEqual(before);
  });

  it('keeps a photo with GPS as the original and shows staff a working copy without EXIF, GPS or comments', async () => {
    const photo = jpegWithGps('Camera owner: MARKER-owner');
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(GPS.latitude, 3) as number });
    const response = await upload(
      lawyer,
      caseId,
      { name: 'IMG_0001.JPG', type: 'image/jpeg', content: photo },
      { kind: 'photo' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json<UploadedEvidence>();
    expect(item).toMatchObject({ hasWorkingCopy: true, mediaType: 'image/jpeg', sha256: sha256(photo) });

    const working = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${item.id}/working` });
    expect(working.statusCode).toBe(200);
    expect(working.headers['content-type']).toBe('image/jpeg');
    const copy = working.rawPayload;
    expect(await exifr.gps(copy)).toBeUndefined();
    const anyMetadata = { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true, jfif: false };
    expect(await exifr.parse(photo, anyMetadata)).toBeDefined();
    expect(await exifr.parse(copy, anyMetadata)).toBeUndefined();
    expect(copy.includes('MARKER-owner')).toBe(false);
    expect(copy.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    // The picture itself is untouched: from the start of scan on, the copy holds the original's bytes.
    const scan = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(copy).equals(scan(JPEG))).toBe(true);
    expect(scan(copy).length).toBeGreaterThan(50);

    const original = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${item.id}/original` });
    expect(original.rawPayload.equals(photo)).toBe(true);
  });

  it('records every upload, view, download and export of a file in its custody history, with who and when', async () => {
    const made = await upload(
      lawyer,
      caseId,
      { name: 'decision.pdf', content: pdf('court') },
      { kind: 'court_decision' },
    );
    const id = made.json<UploadedEvidence>().id;
    clock.advance(1000);
    await coordinator({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/working` });
    clock.advance(1000);
    await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/original` });
    clock.advance(1000);
    await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/working` });
    clock.advance(1000);
    const zip = await coordinator({ method: 'GET', url: `/api/cases/${caseId}/evidence/package` });
    expect(zip.statusCode).toBe(200);
    const custody = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/custody` });
    expect(custody.statusCode).toBe(200);
    const events = custody.json<{ events: { action: string; actor: { username: string | null }; at: string }[] }>()
      .events;
    // A PDF has no working copy: viewing it is recorded as a view of the original, never as a working copy.
    expect(events.map((e) => e.action)).toEqual([
      'evidence.upload',
      'evidence.view_original',
      'evidence.download',
      'evidence.view_original',
      'evidence.export',
    ]);
    expect(new Set(events.map((e) => e.at)).size).toBe(5);
    expect(events.every((e) => e.actor.username !== null)).toBe(true);
  });

  it('gives a break-glass administrator the working copy, never the original', async () => {
    const made = await upload(lawyer, caseId, { name: 'photo.jpg', content: jpegWithGps('x') }, { kind: 'photo' });
    const id = made.json<UploadedEvidence>().id;
    const adminAccount = await buildUser(t.db, t.keyring, 'admin', clock);
    const admin = as(t.app, await signIn(t.app, adminAccount, clock));
    const opened = await admin({
      method: 'POST',
      url: '/api/break-glass',
      payload: { case: caseId, reason: 'caseworker_unreachable', minutes: 60 },
    });
    if (opened.statusCode !== 201) return expect.fail(`break-glass: ${opened.body}`);
    expect((await admin({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/working` })).statusCode).toBe(200);
    expect((await admin({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/original` })).statusCode).toBe(404);
  });

  it('takes two uploads sent at once as two files, each with one upload in its custody', async () => {
    const [first, second] = await Promise.all([
      upload(lawyer, caseId, { name: 'one.pdf', content: pdf('one') }),
      upload(coordinator, caseId, { name: 'two.pdf', content: pdf('two') }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const ids = [first, second].map((r) => r.json<UploadedEvidence>().id);
    const listed = (await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence` })).json<{
      items: UploadedEvidence[];
    }>();
    expect(
      listed.items
        .filter((i) => ids.includes(i.id))
        .map((i) => i.name)
        .sort(),
    ).toEqual(['one.pdf', 'two.pdf']);
    for (const id of ids) {
      const custody = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/${id}/custody` });
      expect(custody.json<{ events: { action: string }[] }>().events.map((e) => e.action)).toEqual(['evidence.upload']);
    }
  });

  it('a purge of the case takes its evidence: rows, file rows, blobs, and its sealed bytes from the database files', async () => {
    const opened = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'P' } });
    const { id, number } = opened.json<{ id: string; number: string }>();
    expect(
      (
        await upload(
          coordinator,
          id,
          { name: 'p.jpg', content: jpegWithGps('p') },
          { kind: 'photo', description: 'Purged description' },
        )
      ).statusCode,
    ).toBe(201);
    const sealed = await t.db
      .selectFrom('evidence')
      .select(['name_sealed', 'description_sealed'])
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const needles = [sealed.name_sealed, sealed.description_sealed ?? Buffer.alloc(0)].map((bytes, i) => ({
      name: `evidence ciphertext ${String(i)}`,
      bytes: bytes.subarray(0, 32),
    }));
    const onDisk = async () =>
      bytesHits(dialect === 'sqlite' ? sqliteFiles(t.database.dataDir) : await pgRelationFiles(t.db), needles);
    expect(await onDisk()).toHaveLength(2);
    const purge = await coordinator({
      method: 'POST',
      url: `/api/cases/${id}/purge`,
      payload: { reason: 'safety', confirmNumber: number },
    });
    expect(purge.statusCode, purge.body).toBe(204);
    expect(await t.db.selectFrom('evidence').select('id').where('case_id', '=', id).execute()).toEqual([]);
    expect(await t.db.selectFrom('files').select('id').where('owner_id', '=', id).execute()).toEqual([]);
    expect(fs.existsSync(path.join(filesDirIn(t.database.dataDir), 'case', id))).toBe(false);
    expect(await onDisk()).toEqual([]);
  });
});
