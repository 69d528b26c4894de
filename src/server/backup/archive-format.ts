import { z } from 'zod';
import { deriveKey } from '../crypto/aead.js';
import { ByteQueue } from '../files/byte-queue.js';
import { MAX_SEGMENT_BYTES, NONCE_PREFIX_BYTES, type SegmentParams } from '../files/sealed-stream.js';

/**
 * The backup archive, format 1:
 *
 *   "HWBACKUP" (8) ‖ format 1 (1) ‖ header length (uint32 BE) ‖ header (JSON)
 *   body: one sealed stream (files/sealed-stream.ts) under the backup key
 *
 * The header names the master key that wrapped the backup key and holds the
 * backup key so wrapped (a fresh random key per backup); the master key never
 * enters the archive. The header is the associated data of every body
 * segment. The body is a sequence of frames, type (1) ‖ length (uint32 BE) ‖
 * payload: each entry is `begin` (its name), `data`…, `end`; the last frame is
 * the manifest (every entry's name, size and SHA-256). One stream for the
 * whole body hides the entries' names, sizes and number, and keeps them from
 * being reordered, dropped or mixed between archives.
 */
export const ARCHIVE_MAGIC = Buffer.from('HWBACKUP', 'ascii');
export const ARCHIVE_FORMAT = 1;
export const ARCHIVE_PREFIX_BYTES = ARCHIVE_MAGIC.length + 1 + 4;
export const MAX_HEADER_BYTES = 4096;
export const MANIFEST_FORMAT = 'homeward-backup/1';

export const headerSchema = z.object({
  masterKeyId: z.string().regex(/^[0-9a-f]{1,64}$/),
  /** seal(master key, backup key, wrapAad) in base64. */
  wrappedKey: z.base64(),
  noncePrefix: z.base64(),
  segmentBytes: z.number().int().min(1).max(MAX_SEGMENT_BYTES),
});
export type ArchiveHeader = z.infer<typeof headerSchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  createdAt: z.string(),
  homewardVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The migrations the database had: a restore recreates exactly this schema, then migrates on. */
  migrations: z.array(z.string()),
  entries: z.array(z.object({ name: z.string(), size: z.number().int().min(0), sha256: z.string() })),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest['entries'][number];

export function encodeHeader(header: ArchiveHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(ARCHIVE_PREFIX_BYTES);
  ARCHIVE_MAGIC.copy(prefix);
  prefix[ARCHIVE_MAGIC.length] = ARCHIVE_FORMAT;
  prefix.writeUInt32BE(json.length, ARCHIVE_MAGIC.length + 1);
  return Buffer.concat([prefix, json]);
}

/** The associated data of the wrapped backup key: it opens as nothing else. */
export function wrapAad(masterKeyId: string): Buffer {
  return Buffer.from(`homeward/backup-key/${ARCHIVE_FORMAT}\0${masterKeyId}`, 'utf8');
}

export function bodyParams(backupKey: Buffer, rawHeader: Buffer, header: ArchiveHeader): SegmentParams {
  const noncePrefix = Buffer.from(header.noncePrefix, 'base64');
  if (noncePrefix.length !== NONCE_PREFIX_BYTES) throw new RangeError('Bad nonce prefix');
  return {
    key: deriveKey(backupKey, `backup/${ARCHIVE_FORMAT}/body`),
    noncePrefix,
    aad: rawHeader,
    segmentBytes: header.segmentBytes,
  };
}

export type FrameType = 'begin' | 'data' | 'end' | 'manifest';
const FRAME_CODES: Readonly<Record<FrameType, number>> = { begin: 1, data: 2, end: 3, manifest: 4 };
const FRAME_LIMITS: Readonly<Record<FrameType, number>> = {
  begin: 1024,
  data: 1024 * 1024,
  end: 0,
  // Holds a line per entry; bounded so a damaged length cannot ask for gigabytes.
  manifest: 256 * 1024 * 1024,
};
export const MAX_DATA_FRAME = FRAME_LIMITS.data;
const FRAME_TYPES = new Map(Object.entries(FRAME_CODES).map(([type, code]) => [code, type as FrameType]));

/** A frame's 5-byte head; the payload follows it unchanged. */
export function frameHead(type: FrameType, length: number): Buffer {
  const head = Buffer.alloc(5);
  head[0] = FRAME_CODES[type];
  head.writeUInt32BE(length, 1);
  return head;
}

export interface Frame {
  type: FrameType;
  payload: Buffer;
}

/** Thrown for a body that opens but is not a well-formed sequence of frames. */
export class MalformedArchiveError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MalformedArchiveError';
  }
}

/** Cuts the opened body into frames as its bytes arrive. */
export class FrameParser {
  private readonly queue = new ByteQueue();
  private head: { type: FrameType; length: number } | undefined;

  push(chunk: Buffer): Frame[] {
    this.queue.push(chunk);
    const frames: Frame[] = [];
    for (;;) {
      if (this.head === undefined) {
        if (this.queue.length < 5) return frames;
        const head = this.queue.take(5);
        const type = FRAME_TYPES.get(head[0] ?? 0);
        const length = head.readUInt32BE(1);
        if (type === undefined) throw new MalformedArchiveError(`unknown frame type ${head[0] ?? 0}`);
        if (length > FRAME_LIMITS[type]) throw new MalformedArchiveError(`a ${type} frame of ${length} bytes`);
        this.head = { type, length };
      }
      if (this.queue.length < this.head.length) return frames;
      frames.push({ type: this.head.type, payload: this.queue.take(this.head.length) });
      this.head = undefined;
    }
  }

  finish(): void {
    if (this.head !== undefined || this.queue.length > 0)
      throw new MalformedArchiveError('the body ends inside a frame');
  }
}
