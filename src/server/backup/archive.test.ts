import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { TAG_BYTES, randomKey, seal } from '../crypto/aead.js';
import { newMasterKey } from '../crypto/master-key.js';
import { SEGMENT_BYTES, sealStream } from '../files/sealed-stream.js';
import {
  ARCHIVE_PREFIX_BYTES,
  MANIFEST_FORMAT,
  bodyParams,
  encodeHeader,
  frameHead,
  wrapAad,
  type Manifest,
} from './archive-format.js';
import { openArchive, readArchive } from './archive-reader.js';
import { writeArchive, type ArchiveEntry } from './archive-writer.js';
import { BackupArchiveError, type ArchiveFault } from './errors.js';

const masterKey = newMasterKey();
const INFO = {
  createdAt: '2026-12-01T10:00:00.000Z',
  homewardVersion: 'test',
  dialect: 'sqlite' as const,
  migrations: [],
};
const CONTENT: Record<string, Buffer> = {
  'database/homeward.sqlite': crypto.randomBytes(3 * SEGMENT_BYTES + 123),
  'files/case/c1/f1': crypto.randomBytes(10),
  'files/case/c1/f2': Buffer.alloc(0),
  'files/intake/i1/f3': crypto.randomBytes(2 * 1024 * 1024 + 1),
};

function entriesOf(content: Record<string, Buffer>): ArchiveEntry[] {
  return Object.entries(content).map(([name, bytes]) => ({
    name,
    open: () => Promise.resolve(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)])),
  }));
}

async function* asAsync<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** Reads an archive back, collecting each entry's bytes. */
async function readAll(file: string, key = masterKey) {
  const got = new Map<string, Buffer[]>();
  const manifest = await readArchive(await openArchive(file, [key]), (entry) => {
    const chunks: Buffer[] = [];
    got.set(entry.name, chunks);
    return Promise.resolve({
      write: (chunk: Buffer) => Promise.resolve(void chunks.push(chunk)),
      close: () => Promise.resolve(),
      abort: () => Promise.resolve(),
    });
  });
  return { manifest, entries: new Map([...got].map(([name, chunks]) => [name, Buffer.concat(chunks)])) };
}

async function faultOf(promise: Promise<unknown>): Promise<ArchiveFault> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupArchiveError);
  expect((error as Error).message.split('\n')).toHaveLength(1);
  return (error as BackupArchiveError).fault;
}

/** An archive written frame by frame, as only someone holding the key could: to test the manifest check. */
async function writeRawArchive(file: string, frames: Buffer[]): Promise<void> {
  const backupKey = randomKey();
  const header = {
    masterKeyId: masterKey.id,
    wrappedKey: seal(masterKey.key, backupKey, wrapAad(masterKey.id)).toString('base64'),
    noncePrefix: crypto.randomBytes(7).toString('base64'),
    segmentBytes: SEGMENT_BYTES,
  };
  const raw = encodeHeader(header);
  fs.writeFileSync(file, raw);
  await pipeline(
    Readable.from(frames),
    sealStream(bodyParams(backupKey, raw, header)),
    fs.createWriteStream(file, { flags: 'a' }),
  );
}

describe('backup archive', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'good.hwb');
  let original: Buffer;
  let headerBytes: number;
  beforeAll(async () => {
    await writeArchive(file, masterKey, asAsync(entriesOf(CONTENT)), () => INFO);
    original = fs.readFileSync(file);
    headerBytes = ARCHIVE_PREFIX_BYTES + original.readUInt32BE(9);
  });
  afterAll(() => temp.remove());

  const damaged = (bytes: Buffer) => {
    const target = path.join(temp.dir, `damaged-${crypto.randomUUID()}.hwb`);
    fs.writeFileSync(target, bytes);
    return target;
  };
  const flipped = (offset: number) => {
    const bytes = Buffer.from(original);
    const at = offset < 0 ? bytes.length + offset : offset;
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    return damaged(bytes);
  };

  it('reads back every entry and a manifest of their sizes and SHA-256', async () => {
    const { manifest, entries } = await readAll(file);
    expect(manifest).toMatchObject({ format: MANIFEST_FORMAT, ...INFO });
    expect(manifest.entries).toEqual(
      Object.entries(CONTENT).map(([name, bytes]) => ({
        name,
        size: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      })),
    );
    for (const [name, bytes] of Object.entries(CONTENT)) expect(entries.get(name)?.equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('holds none of its entries, names or manifest in the clear', () => {
    for (const name of Object.keys(CONTENT)) expect(original.includes(name)).toBe(false);
    expect(original.includes(CONTENT['files/case/c1/f1'] ?? Buffer.alloc(1))).toBe(false);
    expect(original.includes(MANIFEST_FORMAT)).toBe(false);
  });

  it('never writes over an existing file', async () => {
    await expect(writeArchive(file, masterKey, asAsync([]), () => INFO)).rejects.toThrow(/EEXIST/);
  });

  it('refuses another file with "bad magic"', async () => {
    const fault = await faultOf(openArchive(flipped(0), [masterKey]));
    expect(fault).toEqual({ reason: 'not_a_backup' });
    expect(new BackupArchiveError(fault).message).toBe('This file is not a Homeward backup (bad magic).');
  });

  it('refuses an unknown format', async () => {
    expect(await faultOf(openArchive(flipped(8), [masterKey]))).toEqual({ reason: 'unsupported_format', format: 0x21 });
  });

  it('names both master keys when the configured one is not the one that wrapped the backup key', async () => {
    const other = newMasterKey();
    const fault = await faultOf(openArchive(file, [other]));
    expect(fault).toEqual({ reason: 'wrong_key', backupKeyId: masterKey.id, configuredKeyId: other.id });
    expect(new BackupArchiveError(fault).message).toBe(
      `This backup was made under master key ${masterKey.id}; the configured key is ${other.id}.`,
    );
  });

  it('refuses an altered header, whose key no longer opens', async () => {
    const wrapped = original.indexOf('"wrappedKey":"') + 20;
    expect((await faultOf(openArchive(flipped(wrapped), [masterKey]))).reason).toBe('header_altered');
    // The nonce prefix is not needed to unwrap the key, but is bound to every segment.
    const nonce = original.indexOf('"noncePrefix":"') + 16;
    expect(['header_altered', 'altered']).toContain((await faultOf(readAll(flipped(nonce)))).reason);
  });

  it('refuses a change in the first body byte, before any entry has begun', async () => {
    const fault = await faultOf(readAll(flipped(headerBytes)));
    expect(fault).toEqual({ reason: 'altered', segment: 0, atEnd: false, inEntry: undefined, afterEntry: undefined });
    expect(new BackupArchiveError(fault).message).toBe(
      'The archive was altered or damaged: it does not open from its start (segment 0).',
    );
  });

  it.each([
    ['the middle of the first entry', 2 * SEGMENT_BYTES, 1],
    ['the last entry', -(SEGMENT_BYTES + 100), 4],
  ])('names the entry when %s is changed', async (_where, offset, entry) => {
    const at = offset < 0 ? original.length + offset : headerBytes + offset;
    const fault = await faultOf(readAll(flipped(at)));
    expect(fault).toMatchObject({ reason: 'altered', inEntry: { index: entry } });
  });

  it('refuses a change in the final segment, which holds the manifest', async () => {
    expect(await faultOf(readAll(flipped(-1)))).toMatchObject({ reason: 'altered', atEnd: true });
  });

  it('refuses an archive cut short, at a segment boundary or inside a segment, or inside its header', async () => {
    const sealedSegment = SEGMENT_BYTES + TAG_BYTES;
    const bodyBytes = original.length - headerBytes;
    const atBoundary = headerBytes + Math.floor((bodyBytes - 1) / sealedSegment) * sealedSegment;
    expect(await faultOf(readAll(damaged(original.subarray(0, atBoundary))))).toEqual({ reason: 'truncated' });
    const cutInside = await faultOf(readAll(damaged(original.subarray(0, original.length - 7))));
    expect(cutInside).toMatchObject({ reason: 'altered', atEnd: true });
    expect(new BackupArchiveError(cutInside).message).toMatch(/\(its last segment, \d+: altered or cut short\)\.$/);
    expect(await faultOf(readAll(damaged(original.subarray(0, headerBytes - 3))))).toEqual({ reason: 'truncated' });
    expect(await faultOf(readAll(damaged(original.subarray(0, headerBytes))))).toEqual({ reason: 'truncated' });
  });

  it('refuses bytes appended', async () => {
    const appended = damaged(Buffer.concat([original, Buffer.from([0])]));
    expect((await faultOf(readAll(appended))).reason).toBe('altered');
  });

  it("refuses an entry that does not match the manifest, even when the archive's key is right", async () => {
    const data = Buffer.from('hello');
    const name = Buffer.from('files/case/c1/f1');
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      ...INFO,
      entries: [{ name: 'files/case/c1/f1', size: 5, sha256: '0'.repeat(64) }],
    };
    const json = Buffer.from(JSON.stringify(manifest));
    const target = path.join(temp.dir, 'lying-manifest.hwb');
    await writeRawArchive(target, [
      frameHead('begin', name.length),
      name,
      frameHead('data', data.length),
      data,
      frameHead('end', 0),
      frameHead('manifest', json.length),
      json,
    ]);
    const fault = await faultOf(readAll(target));
    expect(fault).toMatchObject({ reason: 'manifest_mismatch', entry: { index: 1, name: 'files/case/c1/f1' } });
  });

  it('refuses a body without a manifest', async () => {
    const target = path.join(temp.dir, 'no-manifest.hwb');
    await writeRawArchive(target, [frameHead('begin', 1), Buffer.from('x'), frameHead('end', 0)]);
    expect(await faultOf(readAll(target))).toEqual({ reason: 'malformed', detail: 'it has no manifest' });
  });
});
