import type { EvidenceMediaType } from '../../../shared/evidence.schema.js';

/**
 * The working copy of an image: the same pixels, without what a camera or an
 * editor writes beside them (EXIF with GPS position, camera serial and times,
 * XMP, IPTC, comments, embedded thumbnails, colour profiles that name a
 * device, text chunks). The image data itself is copied byte for byte, not
 * re-encoded, so nothing of the picture is lost or changed; only segments
 * outside it are dropped. Each format keeps an allow-list of what it needs to
 * display, so a segment no one thought of is dropped rather than kept.
 *
 * Not kept: the EXIF orientation, so a photo taken sideways shows sideways.
 */
export class ImageFormatError extends Error {
  constructor(what: string) {
    super(`The image cannot be read: ${what}`);
    this.name = 'ImageFormatError';
  }
}

export function stripImageMetadata(type: EvidenceMediaType, image: Buffer): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(image);
    case 'image/png':
      return stripPng(image);
    case 'image/webp':
      return stripWebp(image);
    case 'application/pdf':
    case 'application/vnd.oasis.opendocument.text':
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      throw new RangeError(`Not an image type: ${type}`);
  }
}

const JPEG_SOI = 0xd8;
const JPEG_EOI = 0xd9;
const JPEG_SOS = 0xda;
const JPEG_APP0 = 0xe0;
const JPEG_APP14 = 0xee;

/** Markers without a length: start/end of image, restart markers, TEM. */
function isStandalone(marker: number): boolean {
  return marker === JPEG_SOI || marker === JPEG_EOI || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** APPn and comments go, apart from the JFIF header and Adobe's colour-transform flags, which decoders need. */
function keepJpegSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xfe) return false;
  if (marker === JPEG_APP0) return body.subarray(0, 5).equals(Buffer.from('JFIF\0', 'latin1'));
  if (marker === JPEG_APP14) return body.subarray(0, 5).equals(Buffer.from('Adobe', 'latin1'));
  return !(marker >= 0xe1 && marker <= 0xef);
}

function stripJpeg(image: Buffer): Buffer {
  if (image.length < 4 || image[0] !== 0xff || image[1] !== JPEG_SOI) throw new ImageFormatError('no JPEG start');
  const out: Buffer[] = [image.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at >= image.length) throw new ImageFormatError('the JPEG ends before its end marker');
    if (image[at] !== 0xff) throw new ImageFormatError(`no JPEG marker at byte ${at}`);
    while (image[at] === 0xff) at += 1;
    const marker = image[at];
    if (marker === undefined) throw new ImageFormatError('the JPEG ends inside a marker');
    at += 1;
    if (marker === JPEG_EOI) {
      // Whatever follows the end marker (phone makers' trailers, appended files) is not part of the picture.
      out.push(Buffer.from([0xff, JPEG_EOI]));
      return Buffer.concat(out);
    }
    if (isStandalone(marker)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (at + 2 > image.length) throw new ImageFormatError('the JPEG ends inside a segment');
    const length = image.readUInt16BE(at);
    const end = at + length;
    if (length < 2 || end > image.length) throw new ImageFormatError(`a JPEG segment at byte ${at} overruns the file`);
    if (keepJpegSegment(marker, image.subarray(at + 2, end)))
      out.push(Buffer.from([0xff, marker]), image.subarray(at, end));
    at = end;
    if (marker === JPEG_SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      const start = at;
      while (at + 1 < image.length) {
        const next = image[at + 1] ?? 0;
        if (image[at] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        at += 1;
      }
      out.push(image.subarray(start, at));
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** What a PNG (and an animated one) needs to show; text, eXIf, tIME, iCCP and unknown chunks go. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'hIST',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(image: Buffer): Buffer {
  if (!image.subarray(0, 8).equals(PNG_SIGNATURE)) throw new ImageFormatError('no PNG signature');
  const out: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at < image.length) {
    if (at + 12 > image.length) throw new ImageFormatError('the PNG ends inside a chunk');
    const length = image.readUInt32BE(at);
    const type = image.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > image.length) throw new ImageFormatError(`the PNG chunk ${type} overruns the file`);
    if (PNG_KEEP.has(type)) out.push(image.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new ImageFormatError('the PNG has no end chunk');
}

/** What a WebP needs to show; EXIF, XMP and ICC profile chunks go (and their flags in VP8X). */
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const VP8X_ICC = 0x20;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(image: Buffer): Buffer {
  if (image.toString('latin1', 0, 4) !== 'RIFF' || image.toString('latin1', 8, 12) !== 'WEBP') {
    throw new ImageFormatError('no WebP header');
  }
  const riffEnd = Math.min(image.length, 8 + image.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = image.toString('latin1', at, at + 4);
    const size = image.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw new ImageFormatError(`the WebP chunk ${type} overruns the file`);
    if (WEBP_KEEP.has(type)) {
      const chunk = Buffer.from(image.subarray(at, Math.min(end, riffEnd)));
      if (type === 'VP8X' && size >= 1) chunk[8] = (chunk[8] ?? 0) & ~(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    }
    at = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.from('RIFF0000WEBP', 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([header, body]);
}
