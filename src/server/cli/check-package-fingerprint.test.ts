import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { makeTempDir } from '../../../test/databases.js';
import { loadOrCreateSigningKey } from '../audit/checkpoint.js';
import { MANIFEST, PACKAGE_FORMAT, PUBLIC_KEY, SIGNATURE, SUMS } from '../modules/evidence/package.js';
import { runCli } from './main.js';

const temp = makeTempDir('homeward-check-package-');
afterAll(() => temp.remove());

/** A package of one original, signed by the signing key in `keysDir`, as the export writes one. */
async function packageSignedIn(keysDir: string): Promise<{ file: string; fingerprint: string }> {
  const key = loadOrCreateSigningKey(keysDir);
  const original = Buffer.from('Statement of the applicant, page 1\n');
  const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
  const manifest = Buffer.from(
    JSON.stringify({ format: PACKAGE_FORMAT, files: [{ path: 'originals/001-statement.txt', sha256: sha(original) }] }),
  );
  const zip = new ZipFile();
  zip.addBuffer(original, 'originals/001-statement.txt');
  zip.addBuffer(manifest, MANIFEST);
  zip.addBuffer(crypto.sign(null, manifest, key.privateKey), SIGNATURE);
  zip.addBuffer(Buffer.from(key.publicKeyPem), PUBLIC_KEY);
  zip.addBuffer(Buffer.from(`${sha(original)}  originals/001-statement.txt\n`), SUMS);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = path.join(temp.dir, `${crypto.randomUUID()}.zip`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return { file, fingerprint: key.fingerprint };
}

async function check(args: string[], keysDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['evidence', 'check-package', ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { HOMEWARD_KEYS_DIR: keysDir, HOMEWARD_DATA_DIR: path.join(temp.dir, 'data') },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('homeward evidence check-package and the signing key fingerprint', () => {
  const issuer = path.join(temp.dir, 'issuer-keys');
  const elsewhere = path.join(temp.dir, 'no-keys');

  it('compares the key with a fingerprint given on the command line, and says so', async () => {
    const { file, fingerprint } = await packageSignedIn(issuer);
    const matching = await check(['--in', file, '--fingerprint', fingerprint.toUpperCase()], elsewhere);
    expect(matching, matching.err).toMatchObject({ code: 0 });
    expect(matching.out).toContain('Fingerprint matches the one given with --fingerprint.');

    const other = crypto.createHash('sha256').update('another key').digest('hex');
    const refused = await check(['--in', file, '--fingerprint', other], elsewhere);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`its fingerprint ${fingerprint} is not the one given with --fingerprint (${other})`);

    expect((await check(['--in', file, '--fingerprint', 'abc'], elsewhere)).code).toBe(2);
    const unchecked = await check(['--in', file], elsewhere);
    expect(unchecked.code).toBe(0);
    expect(unchecked.out).toContain('Fingerprint not compared');
  });

  it("compares the key with the installation's own signing key when run on the installation", async () => {
    const { file } = await packageSignedIn(issuer);
    const own = await check(['--in', file], issuer);
    expect(own, own.err).toMatchObject({ code: 0 });
    expect(own.out).toContain("Fingerprint matches this installation's signing key");

    // Another installation's package, checked here: its key is not ours.
    const foreign = await packageSignedIn(path.join(temp.dir, 'other-installation'));
    const refused = await check(['--in', foreign.file], issuer);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("is not this installation's signing key");
  });
});
