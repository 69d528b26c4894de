import crypto from 'node:crypto';
import type { Transform } from 'node:stream';
import { deriveKey } from '../crypto/aead.js';
import type { KeyOwner } from '../crypto/keyring.js';
import { ByteQueue } from './byte-queue.js';
import {
  MAX_SEGMENT_BYTES,
  NONCE_PREFIX_BYTES,
  SEGMENT_BYTES,
  SealedStreamError,
  SegmentOpener,
  SegmentSealer,
  segmentTransform,
  type SegmentParams,
} from './sealed-stream.js';

/**
 * The stored form of a file: a versioned header, then the content sealed
 * segment by segment (sealed-stream.ts).
 *
 *   magic "HWFL" (4) ‖ format 1 (1) ‖ segment bytes (uint32 BE) ‖
 *   data key id (16, the owner's key in data_keys) ‖ salt (32) ‖ nonce prefix (7)
 *
 * Each file is sealed under its own key, derived with HKDF from the owner's
 * data key, a random salt and the file's place (owner and file id): a file
 * copied under another id or owner does not open, and destroying the owner's
 * data key makes all its files unreadable. The header is part of every
 * segment's associated data, so it cannot be edited either.
 */
const MAGIC = Buffer.from('HWFL', 'ascii');
const FORMAT = 1;
const SALT_BYTES = 32;
export const FILE_HEADER_BYTES = MAGIC.length + 1 + 4 + 16 + SALT_BYTES + NONCE_PREFIX_BYTES;

export interface DataKey {
  id: string;
  key: Buffer;
}

function uuidBytes(id: string): Buffer {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  if (bytes.length !== 16) throw new RangeError(`Not a UUID: ${id}`);
  return bytes;
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function paramsFor(header: Buffer, dataKey: DataKey, owner: KeyOwner, fileId: string): SegmentParams {
  const salt = header.subarray(25, 25 + SALT_BYTES);
  const place = `${owner.type}/${owner.id}/${fileId}`;
  return {
    key: deriveKey(dataKey.key, `file/${FORMAT}/${place}/${salt.toString('hex')}`),
    noncePrefix: header.subarray(25 + SALT_BYTES),
    aad: Buffer.concat([header, Buffer.from(`\0${owner.type}\0${owner.id}\0${fileId}`, 'utf8')]),
    segmentBytes: header.readUInt32BE(5),
  };
}

/** Plaintext in, stored form out. */
export function sealFileStream(
  dataKey: DataKey,
  owner: KeyOwner,
  fileId: string,
  segmentBytes = SEGMENT_BYTES,
): Transform {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  MAGIC.copy(header);
  header[4] = FORMAT;
  header.writeUInt32BE(segmentBytes, 5);
  uuidBytes(dataKey.id).copy(header, 9);
  crypto.randomFillSync(header, 25);
  const sealer = new SegmentSealer(paramsFor(header, dataKey, owner, fileId));
  let started = false;
  return segmentTransform({
    push(chunk) {
      const sealed = sealer.push(chunk);
      if (started) return sealed;
      started = true;
      return [header, ...sealed];
    },
    finish() {
      const last = sealer.finish();
      return started ? last : Buffer.concat([header, last]);
    },
  });
}

/**
 * Stored form in, plaintext out; the stream errors with SealedStreamError
 * when anything was altered, cut short or moved, or when the file was sealed
 * under a data key the owner no longer has.
 */
export function openFileStream(dataKey: DataKey, owner: KeyOwner, fileId: string): Transform {
  const what = `File ${fileId}`;
  const pending = new ByteQueue();
  let opener: SegmentOpener | undefined;
  const start = (): SegmentOpener => {
    const header = pending.take(FILE_HEADER_BYTES);
    const segmentBytes = header.readUInt32BE(5);
    if (
      !header.subarray(0, 4).equals(MAGIC) ||
      header[4] !== FORMAT ||
      segmentBytes < 1 ||
      segmentBytes > MAX_SEGMENT_BYTES ||
      // Another key id: the owner's key was replaced (purged), or the header was edited.
      uuidString(header.subarray(9, 25)) !== dataKey.id
    ) {
      throw new SealedStreamError('header', -1, what);
    }
    return new SegmentOpener(paramsFor(header, dataKey, owner, fileId), what);
  };
  return segmentTransform({
    push(chunk) {
      if (opener !== undefined) return opener.push(chunk);
      pending.push(chunk);
      if (pending.length < FILE_HEADER_BYTES) return [];
      opener = start();
      return opener.push(pending.take(pending.length));
    },
    finish() {
      if (opener === undefined) throw new SealedStreamError('truncated', -1, what);
      return opener.finish();
    },
  });
}
