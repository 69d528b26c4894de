import type { ErrorCode } from '../../../shared/errors.js';
import {
  custodySchema,
  evidenceItemSchema,
  evidenceListSchema,
  evidenceParams,
  evidenceUploadFields,
} from '../../../shared/evidence.schema.js';
import type { RouteDeps } from '../../app.js';
import { loadOrCreateSigningKey } from '../../audit/checkpoint.js';
import type { FileStore } from '../../files/file-store.js';
import { AppError } from '../../http/errors.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { caseIdParams } from '../cases/cases.schema.js';
import { custodyHistory, listEvidence, openEvidenceFile, uploadEvidence, type FileCopy } from './evidence.service.js';
import { buildEvidencePackage, type PackageDeps } from './package.js';

const READ = { kind: 'case', action: 'case.read', param: 'caseId' } as const;
/** Taking in, downloading originals and exporting: those who work on the case. */
const WORK = { kind: 'case', action: 'case.write', param: 'caseId' } as const;
const ON_CASE: ErrorCode[] = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'];

export interface EvidenceOptions {
  /** Absent when the app runs without a data folder: the routes answer SERVICE_UNAVAILABLE. */
  files: FileStore | undefined;
  maxBytes: number;
  /** HOMEWARD_KEYS_DIR, where the installation's signing key lives. */
  keysDir: string | undefined;
}

/** Evidence files of a case: upload, list, view, original, custody history, package. */
export function evidenceRoutes(deps: RouteDeps, options: EvidenceOptions) {
  const evidenceDeps = (): PackageDeps => {
    const { files, keysDir } = options;
    if (files === undefined) throw new AppError('SERVICE_UNAVAILABLE', 'No file store is configured.');
    return {
      ...deps,
      files,
      maxBytes: options.maxBytes,
      signingKey: () => {
        if (keysDir === undefined) throw new AppError('SERVICE_UNAVAILABLE', 'No keys folder is configured.');
        return loadOrCreateSigningKey(keysDir);
      },
    };
  };
  const fileRoute = (copy: FileCopy) =>
    defineRoute({
      method: 'GET',
      url: `/api/cases/:caseId/evidence/:evidenceId/${copy}`,
      summary:
        copy === 'working'
          ? 'The file to view: for images the working copy with EXIF, GPS and other metadata removed (audited)'
          : 'The original file exactly as uploaded (audited; those who work on the case)',
      tags: ['evidence'],
      access: copy === 'working' ? READ : WORK,
      params: evidenceParams,
      response: { kind: 'file' },
      errors: ON_CASE,
      handler: async (context) => {
        const { caseId, evidenceId } = context.params;
        const file = await openEvidenceFile(evidenceDeps(), signedIn(context), caseId, evidenceId, copy);
        return { status: 200, body: file.stream, file: { type: file.type, name: file.name } };
      },
    });
  return [
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/evidence',
      summary:
        'Upload an evidence file (multipart: kind and description first, then the file); its type is decided from its content',
      tags: ['evidence'],
      access: WORK,
      params: caseIdParams,
      multipart: { fields: evidenceUploadFields, file: 'file' },
      response: evidenceItemSchema,
      successStatus: 201,
      errors: [...ON_CASE, 'CSRF_REJECTED', 'FILE_TOO_LARGE', 'UNSUPPORTED_FILE_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
      handler: (context) => uploadEvidence(evidenceDeps(), signedIn(context), context.params.caseId, context.request),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/evidence',
      summary: "A case's evidence files: kind, name, description, size, SHA-256 taken at upload",
      tags: ['evidence'],
      access: READ,
      params: caseIdParams,
      response: evidenceListSchema,
      errors: ON_CASE,
      handler: (context) => listEvidence(evidenceDeps(), signedIn(context), context.params.caseId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/evidence/package',
      summary:
        'An evidence package: ZIP of the originals, manifest with hashes and custody, SHA256SUMS, Ed25519 signature, README (audited)',
      tags: ['evidence'],
      access: WORK,
      params: caseIdParams,
      response: { kind: 'file' },
      errors: [...ON_CASE, 'CONFLICT'],
      handler: async (context) => {
        const built = await buildEvidencePackage(evidenceDeps(), signedIn(context), context.params.caseId);
        return { status: 200, body: built.stream, file: { type: 'application/zip', name: built.name } };
      },
    }),
    fileRoute('working'),
    fileRoute('original'),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/evidence/:evidenceId/custody',
      summary: 'The chain of custody of an evidence file: every upload, view, download and export, from the audit log',
      tags: ['evidence'],
      access: READ,
      params: evidenceParams,
      response: custodySchema,
      errors: ON_CASE,
      handler: (context) =>
        custodyHistory(evidenceDeps(), signedIn(context), context.params.caseId, context.params.evidenceId),
    }),
  ];
}
