import crypto from 'node:crypto';
import { Transform } from 'node:stream';
import { DecryptionError, KEY_BYTES, NONCE_BYTES, TAG_BYTES } from '../crypto/aead.js';
import { ByteQueue } from './byte-queue.js';

/**
 * Streaming authenticated encryption: the STREAM construction (Hoang,
 * Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and its
 * Nonce-Reuse Misuse-Resistance", 2015) over AES-256-GCM from node:crypto.
 *
 * The plaintext is cut into fixed-size segments, each sealed on its own, so a
 * 2 GB file never sits whole in memory and no plaintext is released before the
 * segment holding it has been authenticated. Every segment's nonce and
 * associated data carry its index and whether it is the last one, so segments
 * cannot be reordered, dropped, repeated or cut off at a segment boundary
 * without the reader noticing. The associated data also carries the stream's
 * header and where it belongs (file id, archive header), so a segment moved to
 * another stream fails to open.
 *
 * Only the last segment may be shorter than `segmentBytes` (it may be empty).
 * The sealed form is the segments back to back, each ciphertext ‖ 16-byte tag.
 * Keys must be used for one stream only (callers derive or draw a fresh one).
 */
export const SEGMENT_BYTES = 64 * 1024;
/** A header naming a larger segment is refused before anything is buffered. */
export const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;
export const NONCE_PREFIX_BYTES = NONCE_BYTES - 5;
const MAX_SEGMENTS = 2 ** 32;

export interface SegmentParams {
  /** An AES-256 key used for this one stream only. */
  key: Buffer;
  /** Random; the nonce is prefix ‖ segment index (uint32 BE) ‖ last-segment flag. */
  noncePrefix: Buffer;
  /** Binds every segment to the stream's header and place. */
  aad: Buffer;
  segmentBytes: number;
}

export type SealedStreamFault = 'header' | 'altered' | 'truncated';

/**
 * A sealed stream failed to open. `segment` counts from 0; the header is
 * segment -1. `atEnd`: the failing segment is the stream's last piece, which
 * is also what a stream cut inside a segment looks like.
 */
export class SealedStreamError extends DecryptionError {
  constructor(
    readonly fault: SealedStreamFault,
    readonly segment: number,
    what: string,
    readonly atEnd = false,
  ) {
    super(what);
    this.name = 'SealedStreamError';
    this.message = faultMessage(fault, segment, what, atEnd);
  }
}

function faultMessage(fault: SealedStreamFault, segment: number, what: string, atEnd: boolean): string {
  switch (fault) {
    case 'header':
      return `${what} does not open: its header is damaged or of an unknown format`;
    case 'altered':
      return atEnd
        ? `${what} does not open at its last segment (${segment}): it was altered or cut short`
        : `${what} does not open at segment ${segment}: it was altered, moved, or sealed under another key`;
    case 'truncated':
      return `${what} is truncated: it ends before its last segment`;
  }
}

function checkParams(params: SegmentParams): void {
  if (params.key.length !== KEY_BYTES) throw new RangeError(`A segment key must be ${KEY_BYTES} bytes`);
  if (params.noncePrefix.length !== NONCE_PREFIX_BYTES) {
    throw new RangeError(`A nonce prefix must be ${NONCE_PREFIX_BYTES} bytes`);
  }
  if (!Number.isInteger(params.segmentBytes) || params.segmentBytes < 1 || params.segmentBytes > MAX_SEGMENT_BYTES) {
    throw new RangeError(`A segment must be 1 to ${MAX_SEGMENT_BYTES} bytes`);
  }
}

/** The per-segment nonce and associated data, both naming the segment's index and finality. */
class SegmentCipher {
  private readonly nonce: Buffer;
  private readonly aad: Buffer;

  constructor(private readonly params: SegmentParams) {
    checkParams(params);
    this.nonce = Buffer.alloc(NONCE_BYTES);
    params.noncePrefix.copy(this.nonce);
    this.aad = Buffer.concat([params.aad, Buffer.alloc(5)]);
  }

  private place(index: number, final: boolean): void {
    if (index >= MAX_SEGMENTS) throw new RangeError('A sealed stream holds at most 2^32 segments');
    for (const buffer of [this.nonce, this.aad]) {
      buffer.writeUInt32BE(index, buffer.length - 5);
      buffer[buffer.length - 1] = final ? 1 : 0;
    }
  }

  seal(plaintext: Buffer, index: number, final: boolean): Buffer {
    this.place(index, final);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.params.key, this.nonce);
    cipher.setAAD(this.aad);
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }

  /** The plaintext, or undefined when the segment does not authenticate at this place. */
  open(sealed: Buffer, index: number, final: boolean): Buffer | undefined {
    this.place(index, final);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.params.key, this.nonce);
      decipher.setAAD(this.aad);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return undefined;
    }
  }
}

/** Seals a plaintext stream segment by segment. */
export class SegmentSealer {
  private readonly cipher: SegmentCipher;
  private readonly queue = new ByteQueue();
  private index = 0;

  constructor(private readonly params: SegmentParams) {
    this.cipher = new SegmentCipher(params);
  }

  /** Seals the segments known not to be the last: a full segment is held until more bytes follow it. */
  push(chunk: Buffer): Buffer[] {
    this.queue.push(chunk);
    const out: Buffer[] = [];
    while (this.queue.length > this.params.segmentBytes) {
      out.push(this.cipher.seal(this.queue.take(this.params.segmentBytes), this.index++, false));
    }
    return out;
  }

  /** Seals what is left as the last segment. */
  finish(): Buffer {
    return this.cipher.seal(this.queue.take(this.queue.length), this.index++, true);
  }
}

/** Opens a sealed stream segment by segment; throws SealedStreamError at the first segment that fails. */
export class SegmentOpener {
  private readonly cipher: SegmentCipher;
  private readonly queue = new ByteQueue();
  private readonly sealedBytes: number;
  private index = 0;

  constructor(
    params: SegmentParams,
    private readonly what: string,
  ) {
    this.cipher = new SegmentCipher(params);
    this.sealedBytes = params.segmentBytes + TAG_BYTES;
  }

  push(chunk: Buffer): Buffer[] {
    this.queue.push(chunk);
    const out: Buffer[] = [];
    while (this.queue.length > this.sealedBytes) {
      const plaintext = this.cipher.open(this.queue.take(this.sealedBytes), this.index, false);
      if (plaintext === undefined) throw new SealedStreamError('altered', this.index, this.what);
      out.push(plaintext);
      this.index += 1;
    }
    return out;
  }

  finish(): Buffer {
    const rest = this.queue.take(this.queue.length);
    if (rest.length < TAG_BYTES) throw new SealedStreamError('truncated', this.index, this.what);
    const plaintext = this.cipher.open(rest, this.index, true);
    if (plaintext !== undefined) return plaintext;
    // A whole segment that opens as a middle one: the stream was cut at a segment boundary.
    if (rest.length === this.sealedBytes && this.cipher.open(rest, this.index, false) !== undefined) {
      throw new SealedStreamError('truncated', this.index + 1, this.what);
    }
    throw new SealedStreamError('altered', this.index, this.what, true);
  }
}

/** A Transform over a sealer or an opener (backpressure comes with it). */
export function segmentTransform(worker: { push(chunk: Buffer): Buffer[]; finish(): Buffer }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        for (const piece of worker.push(chunk)) this.push(piece);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, worker.finish());
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

export function sealStream(params: SegmentParams): Transform {
  return segmentTransform(new SegmentSealer(params));
}

export function openStream(params: SegmentParams, what: string): Transform {
  return segmentTransform(new SegmentOpener(params, what));
}
