import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { publicKeyFingerprint } from '../../audit/checkpoint.js';
import { MANIFEST, PACKAGE_FORMAT, PUBLIC_KEY, SIGNATURE, SUMS, type ManifestFile } from './package.js';

/** A fingerprint the package's key must have, and where it came from (said in the problem when it differs). */
export interface ExpectedKey {
  fingerprint: string;
  /** "the one given with --fingerprint", "this installation's signing key (…)". */
  source: string;
}

export interface PackageCheck {
  ok: boolean;
  originals: number;
  /** SHA-256 of the public key in the package, to compare with the installation's. */
  fingerprint: string | undefined;
  problems: string[];
}

const SMALL_ENTRIES = new Set([MANIFEST, SIGNATURE, PUBLIC_KEY, SUMS]);

async function digest(stream: Readable, keep: boolean): Promise<{ sha256: string; bytes?: Buffer }> {
  const hash = crypto.createHash('sha256');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    if (keep) chunks.push(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), ...(keep ? { bytes: Buffer.concat(chunks) } : {}) };
}

/** Every entry's SHA-256, and the bytes of the small ones; a damaged ZIP entry is a problem, not a crash. */
async function readEntries(file: string, problems: string[]) {
  const hashes = new Map<string, string>();
  const small = new Map<string, Buffer>();
  const zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (entry === undefined) break;
      if (entry.fileName.endsWith('/')) continue;
      try {
        const read = await digest(await zip.openReadStreamPromise(entry), SMALL_ENTRIES.has(entry.fileName));
        hashes.set(entry.fileName, read.sha256);
        if (read.bytes !== undefined) small.set(entry.fileName, read.bytes);
      } catch (error) {
        problems.push(`${entry.fileName}: cannot be read (${error instanceof Error ? error.message : 'damaged'})`);
      }
    }
  } finally {
    zip.close();
  }
  return { hashes, small };
}

function parseSums(text: string, problems: string[]): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) problems.push(`${SUMS}: a line is not in sha256sum form`);
    else sums.set(match[2], match[1]);
  }
  return sums;
}

/**
 * Checks an evidence package as its README tells a clerk to, without the
 * installation: every file against SHA256SUMS, the manifest's hashes against
 * the files, and the manifest's Ed25519 signature against the key inside.
 * That key proves the package is whole; whose key it is, the fingerprint
 * tells: each `expected` key (one given by hand, the installation's) must
 * match it, or that is a problem naming which one differs.
 */
export async function checkPackage(file: string, expected: readonly ExpectedKey[] = []): Promise<PackageCheck> {
  const problems: string[] = [];
  const { hashes, small } = await readEntries(file, problems);
  const manifestBytes = small.get(MANIFEST);
  const signature = small.get(SIGNATURE);
  const publicKeyPem = small.get(PUBLIC_KEY);
  const sumsText = small.get(SUMS);
  for (const [name, bytes] of [
    [MANIFEST, manifestBytes],
    [SIGNATURE, signature],
    [PUBLIC_KEY, publicKeyPem],
    [SUMS, sumsText],
  ] as const) {
    if (bytes === undefined) problems.push(`${name} is missing`);
  }
  let fingerprint: string | undefined;
  if (manifestBytes !== undefined && signature !== undefined && publicKeyPem !== undefined) {
    try {
      const key = crypto.createPublicKey(publicKeyPem);
      fingerprint = publicKeyFingerprint(key.export({ type: 'spki', format: 'der' }).toString('base64'));
      if (key.asymmetricKeyType !== 'ed25519' || !crypto.verify(null, manifestBytes, key, signature)) {
        problems.push(`${SIGNATURE}: the signature of ${MANIFEST} does not verify`);
      }
    } catch {
      problems.push(`${PUBLIC_KEY}: not a public key`);
    }
  }
  for (const key of fingerprint === undefined ? [] : expected) {
    if (key.fingerprint.toLowerCase() !== fingerprint) {
      problems.push(`${PUBLIC_KEY}: its fingerprint ${fingerprint ?? ''} is not ${key.source} (${key.fingerprint})`);
    }
  }
  const sums = sumsText === undefined ? new Map<string, string>() : parseSums(sumsText.toString('utf8'), problems);
  for (const [name, sha256] of sums) {
    const actual = hashes.get(name);
    if (actual === undefined) problems.push(`${name}: listed in ${SUMS} but not in the package`);
    else if (actual !== sha256) problems.push(`${name}: its SHA-256 does not match ${SUMS}`);
  }
  const originals = [...hashes.keys()].filter((name) => name.startsWith('originals/'));
  for (const name of originals) if (!sums.has(name)) problems.push(`${name}: not listed in ${SUMS}`);
  if (manifestBytes !== undefined) {
    try {
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as { format?: unknown; files?: ManifestFile[] };
      if (manifest.format !== PACKAGE_FORMAT) problems.push(`${MANIFEST}: not a ${PACKAGE_FORMAT} manifest`);
      for (const entry of manifest.files ?? []) {
        if (hashes.get(entry.path) !== entry.sha256) {
          problems.push(`${entry.path}: its SHA-256 does not match ${MANIFEST}`);
        }
      }
      if ((manifest.files ?? []).length !== originals.length) {
        problems.push(
          `${MANIFEST} lists ${String(manifest.files?.length ?? 0)} files, the package holds ${String(originals.length)}`,
        );
      }
    } catch {
      problems.push(`${MANIFEST}: not valid JSON`);
    }
  }
  return { ok: problems.length === 0, originals: originals.length, fingerprint, problems };
}
