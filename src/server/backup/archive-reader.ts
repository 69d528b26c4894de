import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { DecryptionError, KEY_BYTES, open } from '../crypto/aead.js';
import type { MasterKey } from '../crypto/master-key.js';
import { SealedStreamError, openStream } from '../files/sealed-stream.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_MAGIC,
  ARCHIVE_PREFIX_BYTES,
  FrameParser,
  MAX_HEADER_BYTES,
  MalformedArchiveError,
  bodyParams,
  headerSchema,
  manifestSchema,
  wrapAad,
  type ArchiveHeader,
  type Frame,
  type Manifest,
  type ManifestEntry,
} from './archive-format.js';
import { BackupArchiveError, type EntryPlace } from './errors.js';

/** Where one entry's bytes go during a read; abort() undoes what write() began. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Called at each entry's start: a sink for its bytes, or undefined to only check them. */
export type EntryOpener = (entry: EntryPlace) => Promise<EntrySink | undefined>;

export interface OpenedArchive {
  file: string;
  header: ArchiveHeader;
  rawHeader: Buffer;
  backupKey: Buffer;
}

/**
 * Reads the header and unwraps the backup key with whichever of `masterKeys`
 * made it (the configured key first, then e.g. the previous one during a
 * rotation); refuses anything but an archive under one of them.
 */
export async function openArchive(file: string, masterKeys: readonly MasterKey[]): Promise<OpenedArchive> {
  const handle = await fsp.open(file, 'r');
  let rawHeader: Buffer;
  try {
    const prefix = Buffer.alloc(ARCHIVE_PREFIX_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
    if (bytesRead < ARCHIVE_MAGIC.length || !prefix.subarray(0, ARCHIVE_MAGIC.length).equals(ARCHIVE_MAGIC)) {
      throw new BackupArchiveError({ reason: 'not_a_backup' });
    }
    if (bytesRead < prefix.length) throw new BackupArchiveError({ reason: 'truncated' });
    const format = prefix[ARCHIVE_MAGIC.length] ?? 0;
    if (format !== ARCHIVE_FORMAT) throw new BackupArchiveError({ reason: 'unsupported_format', format });
    const length = prefix.readUInt32BE(ARCHIVE_MAGIC.length + 1);
    if (length > MAX_HEADER_BYTES) throw new BackupArchiveError({ reason: 'header_altered' });
    rawHeader = Buffer.alloc(prefix.length + length);
    prefix.copy(rawHeader);
    const rest = await handle.read(rawHeader, prefix.length, length, prefix.length);
    if (rest.bytesRead < length) throw new BackupArchiveError({ reason: 'truncated' });
  } finally {
    await handle.close();
  }
  let header: ArchiveHeader;
  try {
    header = headerSchema.parse(JSON.parse(rawHeader.subarray(ARCHIVE_PREFIX_BYTES).toString('utf8')));
  } catch {
    throw new BackupArchiveError({ reason: 'header_altered' });
  }
  const masterKey = masterKeys.find((key) => key.id === header.masterKeyId);
  if (masterKey === undefined) {
    const configuredKeyId = masterKeys[0]?.id ?? 'none';
    throw new BackupArchiveError({ reason: 'wrong_key', backupKeyId: header.masterKeyId, configuredKeyId });
  }
  try {
    const backupKey = open(
      masterKey.key,
      Buffer.from(header.wrappedKey, 'base64'),
      wrapAad(masterKey.id),
      'The backup key',
    );
    if (backupKey.length !== KEY_BYTES) throw new DecryptionError('The backup key');
    bodyParams(backupKey, rawHeader, header);
    return { file, header, rawHeader, backupKey };
  } catch {
    throw new BackupArchiveError({ reason: 'header_altered' });
  }
}

interface OpenEntry extends EntryPlace {
  hash: crypto.Hash;
  size: number;
  sink: EntrySink | undefined;
}

/**
 * Reads the whole archive: opens every segment, checks every entry's SHA-256
 * and size against the manifest at its end, and hands each entry's bytes to
 * the sink `opener` gives. With `expected` (the manifest of an earlier
 * verifying pass), each entry is also checked against it as it ends, before
 * the next one starts. Resolves to the manifest; rejects with
 * BackupArchiveError for anything damaged, altered or cut short, after
 * aborting the entry in progress.
 */
export async function readArchive(
  archive: OpenedArchive,
  opener?: EntryOpener,
  expected?: Manifest,
): Promise<Manifest> {
  const parser = new FrameParser();
  const seen: ManifestEntry[] = [];
  let current: OpenEntry | undefined;
  let last: EntryPlace | undefined;
  let manifest: Manifest | undefined;

  const handle = async (frame: Frame): Promise<void> => {
    if (manifest !== undefined) throw new MalformedArchiveError('frames follow the manifest');
    switch (frame.type) {
      case 'begin': {
        if (current !== undefined) throw new MalformedArchiveError(`entry ${current.index} has no end`);
        const place = { index: seen.length + 1, name: frame.payload.toString('utf8') };
        current = { ...place, hash: crypto.createHash('sha256'), size: 0, sink: undefined };
        current.sink = await opener?.(place);
        return;
      }
      case 'data':
        if (current === undefined) throw new MalformedArchiveError('data outside an entry');
        current.hash.update(frame.payload);
        current.size += frame.payload.length;
        await current.sink?.write(frame.payload);
        return;
      case 'end': {
        if (current === undefined) throw new MalformedArchiveError('an entry ends that never began');
        const entry = { name: current.name, size: current.size, sha256: current.hash.digest('hex') };
        const wanted = expected?.entries[current.index - 1];
        if (expected !== undefined && !isDeepStrictEqual(entry, wanted)) {
          const place = { index: current.index, name: current.name };
          throw new BackupArchiveError({
            reason: 'manifest_mismatch',
            entry: place,
            detail: 'changed since it was verified',
          });
        }
        await current.sink?.close();
        seen.push(entry);
        last = { index: current.index, name: current.name };
        current = undefined;
        return;
      }
      case 'manifest':
        if (current !== undefined) throw new MalformedArchiveError(`entry ${current.index} has no end`);
        manifest = checkManifest(frame.payload, seen);
        return;
    }
  };

  try {
    // Iterated by hand: Node 20's promise pipeline reports an AbortError, not
    // the cause, when a final async stage after a Transform throws.
    const body = pipeline(
      fs.createReadStream(archive.file, { start: archive.rawHeader.length }),
      openStream(bodyParams(archive.backupKey, archive.rawHeader, archive.header), 'The archive'),
      () => undefined,
    );
    for await (const chunk of body) for (const frame of parser.push(chunk as Buffer)) await handle(frame);
    parser.finish();
  } catch (error) {
    await current?.sink?.abort();
    if (error instanceof SealedStreamError) {
      if (error.fault === 'truncated') throw new BackupArchiveError({ reason: 'truncated' });
      const inEntry = current === undefined ? undefined : { index: current.index, name: current.name };
      const { segment, atEnd } = error;
      throw new BackupArchiveError({ reason: 'altered', segment, atEnd, inEntry, afterEntry: last });
    }
    if (error instanceof MalformedArchiveError) {
      throw new BackupArchiveError({ reason: 'malformed', detail: error.message });
    }
    throw error;
  }
  if (manifest === undefined) throw new BackupArchiveError({ reason: 'malformed', detail: 'it has no manifest' });
  if (expected !== undefined && !isDeepStrictEqual(manifest, expected)) {
    throw new BackupArchiveError({
      reason: 'manifest_mismatch',
      entry: undefined,
      detail: 'it changed since it was verified',
    });
  }
  return manifest;
}

function checkManifest(payload: Buffer, seen: ManifestEntry[]): Manifest {
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(payload.toString('utf8')));
  } catch {
    throw new MalformedArchiveError('its manifest cannot be read');
  }
  const count = Math.max(manifest.entries.length, seen.length);
  for (let index = 0; index < count; index += 1) {
    const listed = manifest.entries[index];
    const found = seen[index];
    const entry = { index: index + 1, name: found?.name ?? listed?.name ?? '?' };
    if (listed === undefined || found === undefined) {
      const detail = listed === undefined ? 'is not in the manifest' : 'is listed but missing';
      throw new BackupArchiveError({ reason: 'manifest_mismatch', entry, detail });
    }
    if (listed.name !== found.name) {
      throw new BackupArchiveError({ reason: 'manifest_mismatch', entry, detail: `is listed as ${listed.name}` });
    }
    if (listed.size !== found.size || listed.sha256 !== found.sha256) {
      throw new BackupArchiveError({ reason: 'manifest_mismatch', entry, detail: 'differs in size or SHA-256' });
    }
  }
  return manifest;
}
