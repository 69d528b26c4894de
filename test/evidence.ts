import crypto from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { LightMyRequestResponse } from 'fastify';
import yauzl from 'yauzl';
import type { Call } from './world.js';

/**
 * Evidence test material: real image bytes (16×12 pictures encoded by Chromium), EXIF with a GPS position built
 * by hand, PDF bytes, and multipart bodies as a browser sends them.
 */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAIhAAAAQGAgMAAAAAAAAAAAAAAQIDEgAEBRETMQYUUWGR/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAeEQAABAcAAAAAAAAAAAAAAAAAERQVAQUhI1KCsv/aAAwDAQACEQMRAD8Aw/HaWhUuxnMoXG2zBAN38h6hyKloU3r4DKGyOu8QHVvAe4loTC8u7Asok7bDCW/yC8wvMNzrKKt08wmt9ghRMU9vmLqrUWMNS6qP/9k=',
  'base64',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAAQklEQVR4AdyQwQ0AIAgDG1ZiF1dwJldwFp1J/33AAxISmtyjn7apHOiLIAgqP2BuhQVI+QuowLUdF6xxYcGn1H/wAQAA//8nZLHMAAAABklEQVQDAPLNN/lXHFrdAAAAAElFTkSuQmCC',
  'base64',
);
export const WEBP = Buffer.from(
  'UklGRlYCAABXRUJQVlA4WAoAAAAgAAAADwAACwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggaAAAAPACAJ0BKhAADAABQCYlsAJ0TIBvf+kgeyB5TIL9/upkAP75yOJ/njASi/K1o7BOV+aNqAPjCaSdH/0PP/Br4xajd31B4in//g8/7//T/Prs4ZXNg//96qzPLRJhan/iqIxlm04nAAAA',
  'base64',
);

export function pdf(text = 'evidence'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** Where the GPS position in `exifWithGps` points: Alchevsk, Luhansk region. */
export const GPS = { latitude: 48.4675, longitude: 38.8024 };

function rational(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32LE(Math.round(value * 10_000), 0);
  out.writeUInt32LE(10_000, 4);
  return out;
}

/** A TIFF block (little-endian) holding IFD0 → GPS IFD with latitude and longitude, as a phone camera writes. */
export function exifWithGps(): Buffer {
  const entry = (tag: number, type: number, count: number, value: Buffer) => {
    const out = Buffer.alloc(12);
    out.writeUInt16LE(tag, 0);
    out.writeUInt16LE(type, 2);
    out.writeUInt32LE(count, 4);
    value.copy(out, 8);
    return out;
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const count = (n: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(n);
    return b;
  };
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  const ifd0 = Buffer.concat([count(1), entry(0x8825, 4, 1, u32(26)), u32(0)]);
  const gps = Buffer.concat([
    count(4),
    entry(0x0001, 2, 2, Buffer.from('N\0')),
    entry(0x0002, 5, 3, u32(80)),
    entry(0x0003, 2, 2, Buffer.from('E\0')),
    entry(0x0004, 5, 3, u32(104)),
    u32(0),
  ]);
  const degrees = (value: number) => {
    const d = Math.floor(value);
    const m = Math.floor((value - d) * 60);
    return Buffer.concat([rational(d), rational(m), rational(((value - d) * 60 - m) * 60)]);
  };
  return Buffer.concat([header, ifd0, gps, degrees(GPS.latitude), degrees(GPS.longitude)]);
}

/** A JPEG carrying EXIF with GPS and a comment segment, as a camera and an editor leave them. */
export function jpegWithGps(comment: string): Buffer {
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifWithGps()]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), exif]);
  app1.writeUInt16BE(exif.length + 2, 2);
  const text = Buffer.from(comment, 'utf8');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), text]);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([JPEG.subarray(0, 2), app1, com, JPEG.subarray(2)]);
}

/** The multipart body a browser sends: fields first, then the file. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; type?: string; content: Buffer } | undefined,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----homeward${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface UploadedEvidence {
  id: string;
  name: string;
  sha256: string;
  size: number;
  hasWorkingCopy: boolean;
  mediaType: string;
  kind: string;
  description: string | null;
}

/** Uploads a file to a case (or, given `{ incident }`, an incident) as `call`; the answer as it came. */
export function upload(
  call: Call,
  owner: string | { incident: string },
  file: { name: string; type?: string; content: Buffer },
  fields: Record<string, string> = { kind: 'other' },
): Promise<LightMyRequestResponse> {
  const body = multipart(fields, file);
  const url = typeof owner === 'string' ? `/api/cases/${owner}/evidence` : `/api/incidents/${owner.incident}/evidence`;
  return call({ method: 'POST', url, ...body });
}

export function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Every entry of a ZIP (an evidence package), name → bytes, read with yauzl as any unzip tool would. */
export async function zipEntries(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(zipBytes, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      zip.once('entry', resolve);
      zip.once('end', () => resolve(undefined));
      zip.once('error', reject);
      zip.readEntry();
    });
    zip.removeAllListeners();
    if (entry === undefined) break;
    entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
  }
  return entries;
}
