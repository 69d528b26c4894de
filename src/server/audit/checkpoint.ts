import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isoNow } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { AUDIT_GENESIS_HASH } from './audit.js';
import { readSnapshot, verifyAuditLog, type AuditVerifyFailure, type AuditVerifyOk } from './verify.js';

/**
 * Signed checkpoints: the log's length and head hash at a moment, signed with
 * the installation's Ed25519 key. Handed to a partner organization, a
 * checkpoint is an outside witness: whoever rewrites the log later, even
 * consistently from some entry onward, cannot make it match the copy the
 * partner holds.
 */

export const CHECKPOINT_FORMAT = 'homeward-audit-checkpoint/1';
export const SIGNING_KEY_FILE = 'audit-signing.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** Base64 DER SubjectPublicKeyInfo: the form a checkpoint carries. */
  publicKey: string;
  /** SHA-256 of the public key (hex): short enough to read out to a partner. */
  fingerprint: string;
  file: string;
  /** True when this call generated the key. */
  created: boolean;
}

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hexadecimal characters');
const count = z.number().int().min(0);
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

const checkpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  count,
  headSeq: count,
  headHash: hash,
  at: z.iso.datetime(),
  publicKey: base64,
  signature: base64,
});

export type AuditCheckpoint = z.infer<typeof checkpointSchema>;

/** A checkpoint file that is not JSON or not a checkpoint. */
export class CheckpointFormatError extends Error {
  constructor(problem: string) {
    super(`Not a Homeward audit checkpoint: ${problem}`);
    this.name = 'CheckpointFormatError';
  }
}

/** Parses a checkpoint file's text; the error names the first field at fault. */
export function parseCheckpoint(text: string): AuditCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointFormatError('the file is not valid JSON');
  }
  const result = checkpointSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new CheckpointFormatError(
      `${field === '' ? 'the file' : `field "${field}"`}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** SHA-256 (hex) of a base64 SPKI public key, as a checkpoint carries it. */
export function publicKeyFingerprint(publicKey: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

function describeKey(privateKey: KeyObject, file: string, created: boolean): SigningKey {
  const publicKey = crypto.createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKey: der.toString('base64'),
    fingerprint: publicKeyFingerprint(der.toString('base64')),
    file,
    created,
  };
}

/**
 * Reads the installation's signing key from `<keysDir>/audit-signing.pem`, or
 * creates it there (folder 0700, file 0600). The key lives with the other
 * keys, outside the data folder, so a copy of the data alone cannot sign.
 */
export function loadOrCreateSigningKey(keysDir: string): SigningKey {
  const file = path.join(keysDir, SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const created = privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      // 'wx': of two processes creating the key at once, the second keeps the first's.
      fs.writeFileSync(file, created, { mode: 0o600, flag: 'wx' });
      return describeKey(privateKey, file, true);
    } catch (writeError) {
      if (!(writeError instanceof Error && 'code' in writeError && writeError.code === 'EEXIST')) throw writeError;
      pem = fs.readFileSync(file, 'utf8');
    }
  }
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return describeKey(privateKey, file, false);
}

/** The fingerprint of the installation's signing key, if `<keysDir>` holds one; never makes a key. */
export function installedSigningKeyFingerprint(keysDir: string): { fingerprint: string; file: string } | undefined {
  const file = path.join(keysDir, SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  return { fingerprint: describeKey(crypto.createPrivateKey(pem), file, false).fingerprint, file };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** The bytes a checkpoint's signature covers: every other field, in a fixed order. */
function signedBytes(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
  const { format, count, headSeq, headHash, at, publicKey } = checkpoint;
  return Buffer.from(JSON.stringify({ format, count, headSeq, headHash, at, publicKey }), 'utf8');
}

/** Thrown when asked to sign a log that does not verify: a checkpoint must never vouch for damage. */
export class AuditLogDamagedError extends Error {
  constructor(readonly failure: AuditVerifyFailure) {
    super(`Audit log damaged at entry ${failure.firstBadSeq}: ${failure.reason}`);
    this.name = 'AuditLogDamagedError';
  }
}

/** Verifies the log and signs its current length and head. */
export async function createCheckpoint(
  db: Kysely<Database>,
  key: Pick<SigningKey, 'privateKey' | 'publicKey'>,
  clock: () => Date = () => new Date(),
): Promise<AuditCheckpoint> {
  const log = await verifyAuditLog(db);
  if (!log.ok) throw new AuditLogDamagedError(log);
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    count: log.count,
    headSeq: log.headSeq,
    headHash: log.headHash,
    at: isoNow(clock),
    publicKey: key.publicKey,
  } as const;
  const signature = crypto.sign(null, signedBytes(unsigned), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

export type CheckpointFailure =
  /** The signature does not verify with the checkpoint's key: the file was edited. */
  | { ok: false; reason: 'bad_signature' }
  /** Signed by another key than the one expected. */
  | { ok: false; reason: 'unexpected_key' }
  /**
   * `truncated`: the log is shorter than the checkpoint (firstBadSeq is the
   * first missing entry). `diverged`: the entry at the checkpoint's head has
   * another hash: the log was rewritten at or before firstBadSeq.
   */
  | { ok: false; reason: 'truncated' | 'diverged'; firstBadSeq: number }
  | AuditVerifyFailure;

export type CheckpointResult = { ok: true; log: AuditVerifyOk } | CheckpointFailure;

function spkiBase64(key: string): string {
  if (!key.startsWith('-----BEGIN')) return key;
  return crypto.createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
}

const FINGERPRINT = /^[0-9a-f]{64}$/i;

/** A pin is a public key (PEM, or base64 SPKI) or its SHA-256 fingerprint (64 hex digits). */
function pinMatches(pin: string, checkpoint: AuditCheckpoint): boolean {
  const text = pin.trim();
  if (FINGERPRINT.test(text)) return text.toLowerCase() === publicKeyFingerprint(checkpoint.publicKey);
  return spkiBase64(text) === checkpoint.publicKey;
}

function signatureValid(checkpoint: AuditCheckpoint): boolean {
  try {
    const publicKey = crypto.createPublicKey({
      key: Buffer.from(checkpoint.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    return crypto.verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    // A key that does not parse signs nothing.
    return false;
  }
}

/**
 * Checks that the log still contains what the checkpoint vouched for: the
 * signature holds, the log verifies, is at least as long, and its entry at the
 * checkpoint's head has the checkpoint's hash. `expectedPublicKey` (PEM,
 * base64 SPKI as in the checkpoint, or the key's fingerprint) pins the signer:
 * without it, the signature only shows that the file was not edited since it
 * was signed by whoever holds the key it names, who may be the forger.
 */
export function verifyCheckpoint(
  db: Kysely<Database>,
  checkpoint: AuditCheckpoint,
  options: { expectedPublicKey?: string } = {},
): Promise<CheckpointResult> {
  if (options.expectedPublicKey !== undefined && !pinMatches(options.expectedPublicKey, checkpoint)) {
    return Promise.resolve({ ok: false, reason: 'unexpected_key' });
  }
  if (!signatureValid(checkpoint)) return Promise.resolve({ ok: false, reason: 'bad_signature' });

  return readSnapshot(db, async (trx): Promise<CheckpointResult> => {
    const log = await verifyAuditLog(trx);
    if (!log.ok) return log;
    if (log.headSeq < checkpoint.headSeq || log.count < checkpoint.count) {
      return { ok: false, reason: 'truncated', firstBadSeq: log.headSeq + 1 };
    }
    const witnessed =
      checkpoint.headSeq === 0
        ? AUDIT_GENESIS_HASH
        : (
            await trx
              .selectFrom('audit_log')
              .select('hash')
              .where('seq', '=', checkpoint.headSeq)
              .executeTakeFirstOrThrow()
          ).hash;
    if (witnessed !== checkpoint.headHash) {
      return { ok: false, reason: 'diverged', firstBadSeq: checkpoint.headSeq };
    }
    return { ok: true, log };
  });
}
