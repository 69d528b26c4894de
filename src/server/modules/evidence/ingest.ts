import type { Readable } from 'node:stream';
import { fileTypeStream } from 'file-type';
import {
  EVIDENCE_NAME_MAX,
  EVIDENCE_TYPES,
  isEvidenceMediaType,
  type EvidenceMediaType,
} from '../../../shared/evidence.schema.js';
import { AppError } from '../../http/errors.js';

/** Enough of the start of a file for file-type to tell a DOCX from an ODT from another ZIP. */
const SAMPLE_BYTES = 64 * 1024;

/** Declared types that say nothing: a browser sends them for a file it does not know. */
const UNDECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
/** Other names browsers and systems declare for an allowed type. */
const DECLARED_ALIASES: Record<string, EvidenceMediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

/**
 * The file's name as it may be stored and shown: the last part of whatever
 * path the browser sent (`C:\scans\report.pdf`, `../../x.pdf` → the last
 * part), without control characters or leading dots, at most 200 characters.
 */
export function cleanFileName(raw: string, type: EvidenceMediaType): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  const name = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const fallback = `file.${EVIDENCE_TYPES[type].extensions[0]}`;
  if (name === '') return fallback;
  if (name.length <= EVIDENCE_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, EVIDENCE_NAME_MAX - extension.length) + extension;
}

function extensionOf(name: string): string | undefined {
  const last = name.split(/[/\\]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Reads the start of an upload and decides its type from the bytes. Refuses
 * (UNSUPPORTED_FILE_TYPE, saying why) a type outside the allow-list, and a
 * name or declared type that says the file is something else: evidence whose
 * label contradicts its content is worth a question before it is filed.
 * Resolves to the type and the whole stream, sample included.
 */
export async function detectEvidenceType(
  file: Readable,
  declared: { name: string; mimeType: string },
): Promise<{ type: EvidenceMediaType; stream: Readable }> {
  const stream = await fileTypeStream(file, { sampleSize: SAMPLE_BYTES });
  const detected = stream.fileType?.mime;
  if (detected === undefined || !isEvidenceMediaType(detected)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `The file's content is ${detected === undefined ? 'of no type this installation recognizes' : `of type ${detected}`}; accepted are PDF, JPEG, PNG, WebP, DOCX and ODT.`,
    );
  }
  const extension = extensionOf(declared.name);
  const allowed: readonly string[] = EVIDENCE_TYPES[detected].extensions;
  if (extension !== undefined && !allowed.includes(extension)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `The file's name ends in .${extension}, but its content is of type ${detected} (.${allowed.join(', .')}).`,
    );
  }
  const mimeType = declared.mimeType.toLowerCase().split(';', 1)[0]?.trim() ?? '';
  if (!UNDECLARED.has(mimeType) && (DECLARED_ALIASES[mimeType] ?? mimeType) !== detected) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `The file was sent as ${mimeType}, but its content is of type ${detected}.`,
    );
  }
  return { type: detected, stream };
}
