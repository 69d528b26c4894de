import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp, staffMember } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { jpegWithGps, pdf, sha256, upload, type UploadedEvidence } from '../../../../test/evidence.js';
import { recordIncident } from '../../../../test/incidents.js';
import type { Call } from '../../../../test/world.js';
import { SIGNING_KEY_FILE } from '../../audit/checkpoint.js';
import { filesDirIn } from '../../files/local-blob-store.js';
import { checkPackage } from './check-package.js';

describe.each(TEST_DIALECTS)('evidence files of incidents on %s', (dialect) => {
  const clock = testClock('2026-12-02T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let outsider: Call;
  let analyst: Call;
  let caseId: string;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = (await staffMember(t, 'coordinator', clock)).call;
    const granted = await staffMember(t, 'lawyer', clock);
    lawyer = granted.call;
    outsider = (await staffMember(t, 'lawyer', clock)).call;
    analyst = (await staffMember(t, 'analyst', clock)).call;
    const opened = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'I' } });
    caseId = opened.json<{ id: string }>().id;
    expect((await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${granted.id}` })).statusCode).toBe(
      204,
    );
  });
  afterAll(() => t.cleanup());

  const photo = async (incidentId: string) => {
    const made = await upload(
      coordinator,
      { incident: incidentId },
      { name: 'camp.jpg', content: jpegWithGps('x') },
      {
        kind: 'photo',
        description: 'Лагерь под Луганском',
      },
    );
    expect(made.statusCode, made.body).toBe(201);
    return made.json<UploadedEvidence & { incidentId: string | null; caseId: string | null }>();
  };

  it('takes a photo on an incident, sealed under the incident, its working copy without GPS', async () => {
    const incidentId = await recordIncident(coordinator, { caseIds: [caseId] });
    const item = await photo(incidentId);
    expect(item).toMatchObject({ incidentId, caseId: null, hasWorkingCopy: true, sha256: sha256(jpegWithGps('x')) });
    const stored = await t.db.selectFrom('files').select(['owner_type', 'owner_id']).execute();
    expect(stored.filter((f) => f.owner_id === incidentId).map((f) => f.owner_type)).toEqual(['incident', 'incident']);
    const working = await lawyer({ method: 'GET', url: `/api/incidents/${incidentId}/evidence/${item.id}/working` });
    expect(working.statusCode).toBe(200);
    expect(await exifr.gps(working.rawPayload)).toBeUndefined();
    const original = await lawyer({ method: 'GET', url: `/api/incidents/${incidentId}/evidence/${item.id}/original` });
    expect(sha256(original.rawPayload)).toBe(item.sha256);
  });

  it('lets only coordinators upload, readers of the incident read, and no analyst or outsider near a file', async () => {
    const incidentId = await recordIncident(coordinator, { caseIds: [caseId] });
    const item = await photo(incidentId);
    const base = `/api/incidents/${incidentId}/evidence`;
    expect((await upload(lawyer, { incident: incidentId }, { name: 'a.pdf', content: pdf() })).statusCode).toBe(403);
    for (const url of [base, `${base}/${item.id}/working`, `${base}/${item.id}/original`, `${base}/package`]) {
      expect((await lawyer({ method: 'GET', url })).statusCode, url).toBe(200);
      expect((await outsider({ method: 'GET', url })).statusCode, url).toBe(404);
      expect((await analyst({ method: 'GET', url })).statusCode, url).toBe(403);
    }
  });

  it("never shows an incident's file through a case route, even the case it is linked to", async () => {
    const incidentId = await recordIncident(coordinator, { caseIds: [caseId] });
    const item = await photo(incidentId);
    const listed = await coordinator({ method: 'GET', url: `/api/cases/${caseId}/evidence` });
    expect(listed.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(item.id);
    for (const copy of ['working', 'original', 'custody']) {
      const url = `/api/cases/${caseId}/evidence/${item.id}/${copy}`;
      expect((await coordinator({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const other = await recordIncident(coordinator, { caseIds: [caseId] });
    const url = `/api/incidents/${other}/evidence/${item.id}/working`;
    expect((await coordinator({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('records every view, download and export in the custody history, and the package checks out', async () => {
    const incidentId = await recordIncident(coordinator, { caseIds: [caseId] });
    const item = await photo(incidentId);
    const base = `/api/incidents/${incidentId}/evidence`;
    for (const step of ['working', 'original']) {
      clock.advance(1000);
      expect((await lawyer({ method: 'GET', url: `${base}/${item.id}/${step}` })).statusCode).toBe(200);
    }
    clock.advance(1000);
    const zip = await lawyer({ method: 'GET', url: `${base}/package` });
    expect(zip.statusCode).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-package-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.zip'), zip.rawPayload);
      expect(await checkPackage(path.join(dir, 'p.zip'))).toMatchObject({ ok: true, originals: 1, problems: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const custody = await lawyer({ method: 'GET', url: `${base}/${item.id}/custody` });
    expect(custody.json<{ events: { action: string }[] }>().events.map((e) => e.action)).toEqual([
      'evidence.upload',
      'evidence.view',
      'evidence.download',
      'evidence.export',
    ]);
  });

  it("keeps an incident's evidence when a linked case is purged: row, file rows, blobs and bytes", async () => {
    const opened = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'P' } });
    const doomed = opened.json<{ id: string; number: string }>();
    const incidentId = await recordIncident(coordinator, { caseIds: [doomed.id] });
    const item = await photo(incidentId);
    const purge = await coordinator({
      method: 'POST',
      url: `/api/cases/${doomed.id}/purge`,
      payload: { reason: 'safety', confirmNumber: doomed.number },
    });
    expect(purge.statusCode, purge.body).toBe(204);
    expect(fs.existsSync(path.join(filesDirIn(t.database.dataDir), 'incident', incidentId))).toBe(true);
    const original = await coordinator({
      method: 'GET',
      url: `/api/incidents/${incidentId}/evidence/${item.id}/original`,
    });
    expect(original.statusCode).toBe(200);
    expect(sha256(original.rawPayload)).toBe(item.sha256);
  });

  it('refuses a package whose signing key cannot be read, and audits no export', async () => {
    const incidentId = await recordIncident(coordinator, { caseIds: [caseId] });
    const item = await photo(incidentId);
    const keysDir = `${t.database.dataDir}-keys`;
    const keyFile = path.join(keysDir, SIGNING_KEY_FILE);
    const kept = fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : undefined;
    fs.mkdirSync(keysDir, { recursive: true });
    fs.writeFileSync(keyFile, 'not a key');
    try {
      for (const url of [`/api/incidents/${incidentId}/evidence/package`, `/api/cases/${caseId}/evidence/package`]) {
        const refused = await coordinator({ method: 'GET', url });
        expect(refused.statusCode, url).toBe(503);
        expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          message: "The installation's signing key cannot be read.",
        });
      }
    } finally {
      if (kept === undefined) fs.rmSync(keyFile);
      else fs.writeFileSync(keyFile, kept);
    }
    const exported = await t.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'evidence.export')
      .where('object_id', '=', item.id)
      .execute();
    expect(exported).toEqual([]);
  });
});
