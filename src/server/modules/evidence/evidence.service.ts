import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  EVIDENCE_TYPES,
  evidenceUploadFields,
  type CustodyEvent,
  type EvidenceOwner,
  type EvidenceItem,
  type EvidenceKind,
  type EvidenceList,
  type EvidenceMediaType,
} from '../../../shared/evidence.schema.js';
import type { AuditAction } from '../../../shared/audit-actions.js';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { openFileDigest, type FileStore } from '../../files/file-store.js';
import { AppError, validationError } from '../../http/errors.js';
import { parseInput } from '../../http/route.js';
import type { CaseDeps } from '../cases/case-common.js';
import { keyOwner, ownerWork } from './evidence-owner.js';
import { custodyEntries, findOwnerEvidence, insertEvidence, listOwnerEvidence } from './evidence.queries.js';
import type { EvidenceRowWithUploader } from './evidence.queries.js';
import { cleanFileName, detectEvidenceType } from './ingest.js';
import { ImageFormatError, stripImageMetadata } from './strip-metadata.js';

export interface EvidenceDeps extends CaseDeps {
  files: FileStore;
  /** Largest file an upload may carry (HOMEWARD_EVIDENCE_MAX_MB). */
  maxBytes: number;
}

const nameRef = (id: string) => ({ table: 'evidence', rowId: id, field: 'name' });
const descriptionRef = (id: string) => ({ table: 'evidence', rowId: id, field: 'description' });

/** Audits one handling of evidence files, ids only: each file's entry is its custody record. */
async function auditHandling(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actorId: string,
  action: AuditAction,
  evidenceIds: readonly string[],
): Promise<void> {
  for (const id of evidenceIds) {
    await appendAudit(trx, { actorId, action, objectType: 'evidence', objectId: id, outcome: 'success' }, deps.clock);
  }
}

/** What a stream error during an upload means for the one who sent it. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('FILE_TOO_LARGE', `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MiB.`);
  }
  if (error instanceof Error && /unexpected end|terminated early|aborted|premature close/i.test(error.message)) {
    return validationError([
      { path: 'file', message: 'the upload ended before the file was complete', reason: 'invalid' },
    ]);
  }
  return error;
}

/** The fields sent before the file, checked against the shared schema; the file's own part is not a field. */
function uploadFields(part: MultipartFile): { kind: EvidenceKind; description?: string | undefined } {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    if (name === part.fieldname) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first?.type === 'field') raw[name] = first.value;
  }
  const parsed = parseInput(evidenceUploadFields, raw, 'body');
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

/** How a listing or custody reading is audited: on the owner, whose files' names it shows. */
function auditOnOwner(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actor: Subject,
  action: AuditAction,
  owner: EvidenceOwner,
) {
  return appendAudit(
    trx,
    { actorId: actor.userId, action, objectType: owner.kind, objectId: owner.id, outcome: 'success' },
    deps.clock,
  );
}

/**
 * Takes in an evidence file for a case or an incident. The fields come first, then the
 * file, which streams through type detection (magic bytes), SHA-256 and
 * sealing to storage without being held whole; an image then gets its
 * working copy with the metadata removed. Only then, in one transaction, is
 * the evidence row written and the upload audited. Any failure on the way (a
 * refused type, an oversized or cut-off upload, a case purged meanwhile)
 * deletes what was stored: no row, no blob is left.
 */
export async function uploadEvidence(
  deps: EvidenceDeps,
  actor: Subject,
  evidenceOwner: EvidenceOwner,
  request: FastifyRequest,
): Promise<EvidenceItem> {
  const owner = keyOwner(evidenceOwner);
  const originalId = crypto.randomUUID();
  let workingId: string | null = null;
  let part: MultipartFile | undefined;
  const discard = async () => {
    part?.file.resume();
    await deps.files.delete(owner, originalId);
    if (workingId !== null) await deps.files.delete(owner, workingId);
  };
  try {
    part = await request.file({ limits: { fileSize: deps.maxBytes, files: 1, fields: 4, fieldSize: 8 * 1024 } });
    if (part === undefined)
      throw validationError([{ path: 'file', message: 'a file is required', reason: 'required' }]);
    const fields = uploadFields(part);
    const { type, stream } = await detectEvidenceType(part.file, { name: part.filename, mimeType: part.mimetype });
    await deps.files.put(owner, originalId, stream);
    if (part.file.truncated) throw new AppError('FILE_TOO_LARGE');
    if (EVIDENCE_TYPES[type].image) {
      const id = crypto.randomUUID();
      workingId = id;
      await deps.files.put(owner, id, Readable.from([await workingCopy(deps.files, owner, originalId, type)]));
    }
    const evidenceId = crypto.randomUUID();
    const name = cleanFileName(part.filename, type);
    return await ownerWork(deps, actor, evidenceOwner, 'record', async ({ trx }) => {
      await insertEvidence(trx, {
        id: evidenceId,
        case_id: evidenceOwner.kind === 'case' ? evidenceOwner.id : null,
        incident_id: evidenceOwner.kind === 'incident' ? evidenceOwner.id : null,
        kind: fields.kind,
        media_type: type,
        original_file_id: originalId,
        working_file_id: workingId,
        name_sealed: await deps.keyring.seal(trx, owner, nameRef(evidenceId), name),
        description_sealed:
          fields.description === undefined || fields.description === ''
            ? null
            : await deps.keyring.seal(trx, owner, descriptionRef(evidenceId), fields.description),
        uploaded_by: actor.userId,
        uploaded_at: deps.clock().toISOString(),
      });
      await auditHandling(trx, deps, actor.userId, 'evidence.upload', [evidenceId]);
      const row = await findOwnerEvidence(trx, evidenceOwner, evidenceId);
      if (row === undefined) throw new AppError('NOT_FOUND');
      return presentEvidence(trx, deps, row);
    });
  } catch (error) {
    await discard();
    throw uploadError(error, deps.maxBytes);
  }
}

async function workingCopy(
  files: FileStore,
  owner: ReturnType<typeof keyOwner>,
  originalId: string,
  type: EvidenceMediaType,
): Promise<Buffer> {
  // Read back through the store: the copy is made from what was stored, not from what was sent.
  const original = await buffer(await files.get(owner, originalId));
  try {
    return stripImageMetadata(type, original);
  } catch (error) {
    if (error instanceof ImageFormatError) throw new AppError('UNSUPPORTED_FILE_TYPE', error.message);
    throw error;
  }
}

/** An evidence row as the API shows it: the name and description opened, the recorded hash. */
export async function presentEvidence(
  db: Kysely<Database>,
  deps: EvidenceDeps,
  row: EvidenceRowWithUploader,
): Promise<EvidenceItem> {
  return {
    id: row.id,
    caseId: row.case_id,
    incidentId: row.incident_id,
    kind: row.kind as EvidenceKind,
    mediaType: row.media_type as EvidenceMediaType,
    name: await deps.keyring.openText(db, nameRef(row.id), Buffer.from(row.name_sealed)),
    description:
      row.description_sealed === null
        ? null
        : await deps.keyring.openText(db, descriptionRef(row.id), Buffer.from(row.description_sealed)),
    size: row.size,
    sha256: await openFileDigest(db, deps.keyring, row.original_file_id, row.sha256_sealed),
    hasWorkingCopy: row.working_file_id !== null,
    uploadedBy: { id: row.uploaded_by, username: row.uploader_username },
    uploadedAt: row.uploaded_at,
  };
}

/** An owner's evidence files; the listing is audited on the owner (it shows the files' names). */
export function listEvidence(deps: EvidenceDeps, actor: Subject, owner: EvidenceOwner): Promise<EvidenceList> {
  return ownerWork(deps, actor, owner, 'read', async ({ trx }) => {
    const rows = await listOwnerEvidence(trx, owner);
    await auditOnOwner(trx, deps, actor, 'evidence.list', owner);
    const items: EvidenceItem[] = [];
    for (const row of rows) items.push(await presentEvidence(trx, deps, row));
    return { items, maxBytes: deps.maxBytes };
  });
}

export type FileCopy = 'working' | 'original';

/**
 * What opening a file records. A working copy is what staff view by default; a file that has none (PDF, DOCX,
 * ODT: no metadata stripping is done for them) is viewed as its original, the same bytes, and recorded as such
 * (`evidence.view_original`), so the custody history never calls an original a working copy.
 */
function handlingOf(copy: FileCopy, row: EvidenceRowWithUploader): AuditAction {
  if (copy === 'original') return 'evidence.download';
  return row.working_file_id === null ? 'evidence.view_original' : 'evidence.view';
}

/**
 * Opens a file of an evidence item for a reader: the working copy (the
 * original, audited as a view of it, for files that have none) or the
 * original as a download, which needs the right to handle the owner's files.
 * The access is audited, in the transaction that checked it, before a byte is
 * sent.
 */
export async function openEvidenceFile(
  deps: EvidenceDeps,
  actor: Subject,
  owner: EvidenceOwner,
  evidenceId: string,
  copy: FileCopy,
): Promise<{ stream: Readable; type: string; name: string }> {
  const { row, name } = await ownerWork(
    deps,
    actor,
    owner,
    copy === 'original' ? 'handle' : 'read',
    async ({ trx }) => {
      const found = await findOwnerEvidence(trx, owner, evidenceId);
      if (found === undefined) throw new AppError('NOT_FOUND');
      await auditHandling(trx, deps, actor.userId, handlingOf(copy, found), [evidenceId]);
      return {
        row: found,
        name: await deps.keyring.openText(trx, nameRef(evidenceId), Buffer.from(found.name_sealed)),
      };
    },
  );
  const fileId = copy === 'working' ? (row.working_file_id ?? row.original_file_id) : row.original_file_id;
  return { stream: await deps.files.get(keyOwner(owner), fileId), type: row.media_type, name };
}

export function toCustodyEvent(row: {
  seq: number;
  at: string;
  action: string;
  actor_id: string | null;
  username: string | null;
  outcome: string;
}): CustodyEvent {
  return {
    seq: row.seq,
    at: row.at,
    action: row.action as CustodyEvent['action'],
    actor: { id: row.actor_id, username: row.username },
    outcome: row.outcome as CustodyEvent['outcome'],
  };
}

/** Every recorded handling of one evidence file, oldest first. Reading it is audited on the owner. */
export function custodyHistory(
  deps: EvidenceDeps,
  actor: Subject,
  owner: EvidenceOwner,
  evidenceId: string,
): Promise<{ events: CustodyEvent[] }> {
  return ownerWork(deps, actor, owner, 'read', async ({ trx }) => {
    if ((await findOwnerEvidence(trx, owner, evidenceId)) === undefined) throw new AppError('NOT_FOUND');
    await auditOnOwner(trx, deps, actor, 'evidence.custody', owner);
    return { events: (await custodyEntries(trx, [evidenceId])).map(toCustodyEvent) };
  });
}

export { auditHandling, nameRef };
