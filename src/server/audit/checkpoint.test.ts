import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEntries, cutLogTail, resetAuditLog, rewriteLogFrom, steppingClock } from '../../../test/audit.js';
import { TEST_DIALECTS, createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { AUDIT_GENESIS_HASH } from './audit.js';
import {
  AuditLogDamagedError,
  CheckpointFormatError,
  createCheckpoint,
  loadOrCreateSigningKey,
  parseCheckpoint,
  verifyCheckpoint,
  type AuditCheckpoint,
  type SigningKey,
} from './checkpoint.js';
import { verifyAuditLog } from './verify.js';

const temps: { remove: () => void }[] = [];
const tempDir = (): string => {
  const temp = makeTempDir();
  temps.push(temp);
  return temp.dir;
};
afterAll(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

describe('the signing key', () => {
  it('is created on first use in a private folder and file, then read back', () => {
    const keysDir = path.join(tempDir(), 'keys');
    const created = loadOrCreateSigningKey(keysDir);
    expect(created.created).toBe(true);
    expect(created.file).toBe(path.join(keysDir, 'audit-signing.pem'));
    expect(fs.statSync(keysDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(created.file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(created.file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(created.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(created.privateKey.asymmetricKeyType).toBe('ed25519');

    const loaded = loadOrCreateSigningKey(keysDir);
    expect(loaded.created).toBe(false);
    expect(loaded.publicKey).toBe(created.publicKey);
    expect(loaded.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a key file that is not an Ed25519 key', () => {
    const keysDir = tempDir();
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(path.join(keysDir, 'audit-signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadOrCreateSigningKey(keysDir)).toThrow('is not an Ed25519 private key');
  });
});

describe('parsing a checkpoint file', () => {
  const valid = {
    format: 'homeward-audit-checkpoint/1',
    count: 3,
    headSeq: 3,
    headHash: 'a'.repeat(64),
    at: '2026-12-01T10:00:00.000Z',
    publicKey: 'MCowBQYDK2VwAyEA',
    signature: 'c2lnbmF0dXJl',
  };

  it('accepts a well-formed checkpoint', () => {
    expect(parseCheckpoint(JSON.stringify(valid))).toEqual(valid);
  });

  it.each<[string, string, string]>([
    ['text that is not JSON', '{"format": ', 'the file is not valid JSON'],
    ['an array', '[]', 'the file:'],
    ['another format', JSON.stringify({ ...valid, format: 'other/1' }), 'field "format"'],
    ['a missing field', JSON.stringify({ ...valid, headHash: undefined }), 'field "headHash"'],
    ['a short hash', JSON.stringify({ ...valid, headHash: 'abc' }), 'field "headHash": must be 64'],
    ['a fractional count', JSON.stringify({ ...valid, count: 1.5 }), 'field "count"'],
    ['an unsigned extra field', JSON.stringify({ ...valid, note: 'x' }), 'note'],
  ])('refuses %s with an error naming the problem', (_label, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointFormatError);
    expect(() => parseCheckpoint(text)).toThrow(message);
  });
});

describe.each(TEST_DIALECTS)('checkpoints on %s', (dialect) => {
  let database: TestDatabase;
  let key: SigningKey;
  const db = () => database.handle.db;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    key = loadOrCreateSigningKey(tempDir());
  });
  afterAll(() => database.cleanup());
  beforeEach(() => resetAuditLog(db()));
  afterEach(() => resetAuditLog(db()));

  const checkpointOf = (count: number) =>
    appendEntries(db(), count).then(() => createCheckpoint(db(), key, steppingClock('2026-12-02T09:00:00.000Z')));

  it('signs the length and head of the log', async () => {
    const checkpoint = await checkpointOf(4);
    const head = await verifyAuditLog(db());
    expect(checkpoint).toMatchObject({
      format: 'homeward-audit-checkpoint/1',
      count: 4,
      headSeq: 4,
      headHash: head.ok ? head.headHash : '',
      at: '2026-12-02T09:00:00.000Z',
      publicKey: key.publicKey,
    });
    expect(parseCheckpoint(JSON.stringify(checkpoint))).toEqual(checkpoint);
    expect(await verifyCheckpoint(db(), checkpoint)).toMatchObject({ ok: true, log: { count: 4 } });
  });

  it('accepts a log that grew after the checkpoint', async () => {
    const checkpoint = await checkpointOf(3);
    await appendEntries(db(), 2);
    expect(await verifyCheckpoint(db(), checkpoint)).toMatchObject({ ok: true, log: { count: 5, headSeq: 5 } });
  });

  it('vouches for an empty log too', async () => {
    const checkpoint = await checkpointOf(0);
    expect(checkpoint).toMatchObject({ count: 0, headSeq: 0, headHash: AUDIT_GENESIS_HASH });
    await appendEntries(db(), 1);
    expect(await verifyCheckpoint(db(), checkpoint)).toMatchObject({ ok: true });
  });

  it('refuses to sign a damaged log', async () => {
    await appendEntries(db(), 3);
    await db().updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 2).execute();
    await expect(createCheckpoint(db(), key)).rejects.toThrow(AuditLogDamagedError);
    await expect(createCheckpoint(db(), key)).rejects.toThrow('Audit log damaged at entry 2: altered');
  });

  it.each<[string, (c: AuditCheckpoint) => AuditCheckpoint]>([
    ['a lowered count', (c) => ({ ...c, count: c.count - 1, headSeq: c.headSeq - 1 })],
    ['another head hash', (c) => ({ ...c, headHash: 'b'.repeat(64) })],
    ['another time', (c) => ({ ...c, at: '2026-12-03T09:00:00.000Z' })],
    ['another signature', (c) => ({ ...c, signature: Buffer.alloc(64, 7).toString('base64') })],
    ['another public key', (c) => ({ ...c, publicKey: loadOrCreateSigningKey(tempDir()).publicKey })],
    ['a public key that does not parse', (c) => ({ ...c, publicKey: 'AAAA' })],
  ])('finds a bad signature on a checkpoint with %s', async (_label, tamper) => {
    const checkpoint = await checkpointOf(3);
    expect(await verifyCheckpoint(db(), tamper(checkpoint))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('checks the signer against an expected key, given as PEM, base64 or fingerprint', async () => {
    const checkpoint = await checkpointOf(2);
    expect(await verifyCheckpoint(db(), checkpoint, { expectedPublicKey: key.publicKeyPem })).toMatchObject({
      ok: true,
    });
    for (const fingerprint of [key.fingerprint, key.fingerprint.toUpperCase()]) {
      expect(await verifyCheckpoint(db(), checkpoint, { expectedPublicKey: fingerprint })).toMatchObject({ ok: true });
    }
    expect(
      await verifyCheckpoint(db(), checkpoint, { expectedPublicKey: loadOrCreateSigningKey(tempDir()).fingerprint }),
    ).toEqual({ ok: false, reason: 'unexpected_key' });
    const other = loadOrCreateSigningKey(tempDir());
    expect(await verifyCheckpoint(db(), checkpoint, { expectedPublicKey: other.publicKey })).toEqual({
      ok: false,
      reason: 'unexpected_key',
    });
  });

  it('finds a tail cut off with the head moved to match as truncated', async () => {
    const checkpoint = await checkpointOf(5);
    await cutLogTail(db(), 4, true);
    expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 3 });
    expect(await verifyCheckpoint(db(), checkpoint)).toEqual({ ok: false, reason: 'truncated', firstBadSeq: 4 });
  });

  it('finds a log rewritten consistently from some entry onward as diverged', async () => {
    const checkpoint = await checkpointOf(6);
    await rewriteLogFrom(db(), 4, 'case.update');
    expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 6 });
    expect(await verifyCheckpoint(db(), checkpoint)).toEqual({ ok: false, reason: 'diverged', firstBadSeq: 6 });
  });

  it('finds a rewritten log diverged even when new entries were appended after it', async () => {
    const checkpoint = await checkpointOf(4);
    await rewriteLogFrom(db(), 2, 'case.update');
    await appendEntries(db(), 3);
    expect(await verifyCheckpoint(db(), checkpoint)).toEqual({ ok: false, reason: 'diverged', firstBadSeq: 4 });
  });

  it('reports damage the chain itself shows before comparing with the checkpoint', async () => {
    const checkpoint = await checkpointOf(4);
    await db().deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyCheckpoint(db(), checkpoint)).toEqual({ ok: false, reason: 'gap', firstBadSeq: 2 });
  });
});
