import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { TEST_DIALECTS, makeTempDir } from '../../../../test/databases.js';
import { jpegWithGps, pdf, sha256, upload, zipEntries, type UploadedEvidence } from '../../../../test/evidence.js';
import type { Call } from '../../../../test/world.js';
import { loadOrCreateSigningKey } from '../../audit/checkpoint.js';
import { runCli } from '../../cli/main.js';
import type { ManifestFile } from './package.js';
import { recordIncident } from '../../../../test/incidents.js';

/** Unpacks a ZIP into `dir` with yauzl (as any unzip tool would), refusing names that leave it. */
async function unpack(zipBytes: Buffer, dir: string): Promise<string[]> {
  const entries = await zipEntries(zipBytes);
  for (const [name, bytes] of entries) {
    const target = path.join(dir, name);
    if (!target.startsWith(dir)) throw new Error(`entry leaves the folder: ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  return [...entries.keys()].sort();
}

/** Runs a real command-line tool in `cwd`: its exit status and what it printed. */
function tool(cwd: string, command: string, args: string[]): { status: number | null; out: string } {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

const sha256sum = (dir: string) => tool(dir, 'sha256sum', ['-c', 'SHA256SUMS']);
const opensslVerify = (dir: string) =>
  tool(dir, 'openssl', [
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    'public-key.pem',
    '-rawin',
    '-in',
    'manifest.json',
    '-sigfile',
    'manifest.sig',
  ]);

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  fs.writeFileSync(file, bytes);
}

describe.each(TEST_DIALECTS)('evidence package on %s', (dialect) => {
  const clock = testClock('2026-12-02T09:00:00.000Z');
  const temp = makeTempDir('homeward-package-');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let lawyer: Call;
  let caseId: string;
  const photo = jpegWithGps('Phone of the witness');
  const decision = pdf('Решение гарнизонного военного суда');
  let uploaded: UploadedEvidence[];
  let zipBytes: Buffer;
  let dir: string;
  let names: string[];

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const coordinator = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
    const account = await buildUser(t.db, t.keyring, 'lawyer', clock);
    lawyer = as(t.app, await signIn(t.app, account, clock));
    const opened = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title: 'P' } });
    caseId = opened.json<{ id: string }>().id;
    await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${account.user.id}` });
    uploaded = [];
    for (const [name, content, kind] of [
      ['решение суда.pdf', decision, 'court_decision'],
      ['IMG_2041.jpg', photo, 'photo'],
    ] as const) {
      clock.advance(1000);
      const response = await upload(lawyer, caseId, { name, content }, { kind });
      expect(response.statusCode, response.body).toBe(201);
      uploaded.push(response.json<UploadedEvidence>());
    }
    clock.advance(1000);
    const zip = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/package` });
    expect(zip.statusCode, zip.body.slice(0, 200)).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    zipBytes = zip.rawPayload;
    dir = path.join(temp.dir, 'package');
    fs.mkdirSync(dir);
    names = await unpack(zipBytes, dir);
  });
  afterAll(async () => {
    await t.cleanup();
    temp.remove();
  });

  it('holds the originals only, a manifest, SHA256SUMS, the signature, the public key and a README', () => {
    expect(names).toEqual([
      'README.txt',
      'SHA256SUMS',
      'manifest.json',
      'manifest.sig',
      'originals/001-решение суда.pdf',
      'originals/002-IMG_2041.jpg',
      'public-key.pem',
    ]);
    // The photo is the original, GPS and all: the working copy stays out of a package.
    expect(fs.readFileSync(path.join(dir, 'originals/002-IMG_2041.jpg')).equals(photo)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'originals/001-решение суда.pdf')).equals(decision)).toBe(true);
    const readme = fs.readFileSync(path.join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('sha256sum -c SHA256SUMS');
    expect(readme).toContain(
      'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig',
    );
    expect(readme).toContain('Проверка');
  });

  it("lists each file's SHA-256 as uploaded, its kind and custody history ending with this export", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
    expect(manifest.files.map((f) => [f.sha256, f.size, f.kind])).toEqual([
      [sha256(decision), decision.length, 'court_decision'],
      [sha256(photo), photo.length, 'photo'],
    ]);
    expect(manifest.files.map((f) => f.sha256)).toEqual(uploaded.map((u) => u.sha256));
    for (const file of manifest.files) {
      expect(file.custody.map((e) => e.action)).toEqual(['evidence.upload', 'evidence.export']);
    }
    const key = loadOrCreateSigningKey(`${t.database.dataDir}-keys`);
    expect(fs.readFileSync(path.join(dir, 'public-key.pem'), 'utf8')).toBe(key.publicKeyPem);
  });

  it('checks out with the real sha256sum and openssl, as the README says', () => {
    const sums = sha256sum(dir);
    expect(sums.status, sums.out).toBe(0);
    expect(sums.out).toContain('originals/002-IMG_2041.jpg: OK');
    const verify = opensslVerify(dir);
    expect(verify.status, verify.out).toBe(0);
    expect(verify.out).toContain('Signature Verified Successfully');
  });

  it('fails both checks when one byte of the manifest is changed, and sha256sum when one byte of an original is', () => {
    const copy = path.join(temp.dir, 'tampered-manifest');
    fs.cpSync(dir, copy, { recursive: true });
    const manifest = path.join(copy, 'manifest.json');
    flipByte(manifest, fs.readFileSync(manifest).indexOf('"sha256"') + 12);
    expect(sha256sum(copy).status).not.toBe(0);
    expect(opensslVerify(copy).status).not.toBe(0);

    const other = path.join(temp.dir, 'tampered-original');
    fs.cpSync(dir, other, { recursive: true });
    flipByte(path.join(other, 'originals/002-IMG_2041.jpg'), 300);
    const sums = sha256sum(other);
    expect(sums.status).not.toBe(0);
    expect(sums.out).toContain('originals/002-IMG_2041.jpg: FAILED');
  });

  it('is checked by homeward evidence check-package: intact passes, one byte changed fails naming the file', async () => {
    const cli = async (file: string) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['evidence', 'check-package', '--in', file], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const good = path.join(temp.dir, 'good.zip');
    fs.writeFileSync(good, zipBytes);
    const passed = await cli(good);
    expect(passed, passed.err).toMatchObject({ code: 0 });
    expect(passed.out).toContain('2 originals');

    // The originals are stored, not compressed: a byte of the photo is a byte of the ZIP.
    const bad = path.join(temp.dir, 'bad.zip');
    fs.writeFileSync(bad, zipBytes);
    flipByte(bad, zipBytes.indexOf(photo.subarray(0, 64)) + 40);
    const failed = await cli(bad);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('originals/002-IMG_2041.jpg');
  });

  it('refuses a reader before reading the signing key: an outsider gets not found, never 503', async () => {
    const keysDir = `${t.database.dataDir}-keys`;
    const coordinator = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
    // An incident linked to no case the outsider works: the route lets a lawyer in, the incident's rule refuses.
    const incidentId = await recordIncident(coordinator);
    const outsider = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'lawyer', clock), clock));
    const exports = () => t.db.selectFrom('audit_log').select('seq').where('action', '=', 'evidence.export').execute();
    // The key made unreadable: a file where its folder should be.
    fs.renameSync(keysDir, `${keysDir}.away`);
    fs.writeFileSync(keysDir, 'not a folder');
    try {
      const refused = await outsider({ method: 'GET', url: `/api/incidents/${incidentId}/evidence/package` });
      expect(refused.statusCode, refused.body).toBe(404);
      // The key is really unreadable: the granted lawyer is told so, and nothing is audited as exported.
      const before = await exports();
      const granted = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/evidence/package` });
      expect(granted.statusCode, granted.body).toBe(503);
      expect(await exports()).toEqual(before);
    } finally {
      fs.rmSync(keysDir);
      fs.renameSync(`${keysDir}.away`, keysDir);
    }
  });
});
