import type { ZodType } from 'zod';
import type { ErrorCode } from '../../../shared/errors.js';
import {
  custodySchema,
  evidenceItemSchema,
  evidenceListSchema,
  evidenceParams,
  evidenceUploadFields,
  incidentEvidenceParams,
  type EvidenceOwner,
} from '../../../shared/evidence.schema.js';
import { incidentIdParams } from '../../../shared/incidents.schema.js';
import type { RouteDeps } from '../../app.js';
import { loadOrCreateSigningKey } from '../../audit/checkpoint.js';
import type { FileStore } from '../../files/file-store.js';
import { AppError } from '../../http/errors.js';
import { defineRoute, signedIn, type Access } from '../../http/route.js';
import { caseIdParams } from '../cases/cases.schema.js';
import { custodyHistory, listEvidence, openEvidenceFile, uploadEvidence, type FileCopy } from './evidence.service.js';
import { buildEvidencePackage, type PackageDeps } from './package.js';

export interface EvidenceOptions {
  /** Absent when the app runs without a data folder: the routes answer SERVICE_UNAVAILABLE. */
  files: FileStore | undefined;
  maxBytes: number;
  /** HOMEWARD_KEYS_DIR, where the installation's signing key lives. */
  keysDir: string | undefined;
}

/**
 * The same six routes for each owner kind; the route checks the role, the service the owner's own rule
 * (evidence-owner.ts). On a case: reading needs case.read, the original, the package and uploads case.write.
 * On an incident: reading, the original and the package need incident.read (coordinators, and caseworkers and
 * lawyers on a linked granted case), uploads incident.record (coordinators); analysts never reach a file.
 */
const OWNERS = {
  case: {
    prefix: '/api/cases/:caseId/evidence',
    params: caseIdParams,
    fileParams: evidenceParams,
    owner: (params: { caseId: string }): EvidenceOwner => ({ kind: 'case', id: params.caseId }),
    read: { kind: 'case', action: 'case.read', param: 'caseId' },
    handle: { kind: 'case', action: 'case.write', param: 'caseId' },
    record: { kind: 'case', action: 'case.write', param: 'caseId' },
    errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'],
  },
  incident: {
    prefix: '/api/incidents/:incidentId/evidence',
    params: incidentIdParams,
    fileParams: incidentEvidenceParams,
    owner: (params: { incidentId: string }): EvidenceOwner => ({ kind: 'incident', id: params.incidentId }),
    read: { kind: 'action', action: 'incident.list' },
    handle: { kind: 'action', action: 'incident.list' },
    record: { kind: 'action', action: 'incident.record' },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'NOT_FOUND'],
  },
} as const;

/** Evidence files of cases and incidents: upload, list, view, original, custody history, package. */
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
        try {
          return loadOrCreateSigningKey(keysDir);
        } catch {
          // Nothing is exported then: the package is refused before its export is audited (package.ts).
          throw new AppError('SERVICE_UNAVAILABLE', "The installation's signing key cannot be read.");
        }
      },
    };
  };
  return [...ownerRoutes(OWNERS.case), ...ownerRoutes(OWNERS.incident)];

  function ownerRoutes<P extends object, F extends P & { evidenceId: string }>(spec: {
    prefix: string;
    params: ZodType<P>;
    fileParams: ZodType<F>;
    owner: (params: P) => EvidenceOwner;
    read: Access;
    handle: Access;
    record: Access;
    errors: readonly ErrorCode[];
  }) {
    const kind = spec.prefix.startsWith('/api/cases') ? 'case' : 'incident';
    const fileRoute = (copy: FileCopy) =>
      defineRoute({
        method: 'GET',
        url: `${spec.prefix}/:evidenceId/${copy}`,
        summary:
          copy === 'working'
            ? `The file to view of ${kind === 'case' ? 'a case' : 'an incident'}'s evidence: for images the working copy with EXIF, GPS and other metadata removed, for other files the original (audited as a view of the original)`
            : `The original file exactly as uploaded (audited as a download; those who may handle the ${kind}'s files)`,
        tags: ['evidence'],
        access: copy === 'working' ? spec.read : spec.handle,
        params: spec.fileParams,
        response: { kind: 'file' },
        errors: [...spec.errors],
        handler: async (context) => {
          const file = await openEvidenceFile(
            evidenceDeps(),
            signedIn(context),
            spec.owner(context.params),
            context.params.evidenceId,
            copy,
          );
          return { status: 200, body: file.stream, file: { type: file.type, name: file.name } };
        },
      });
    return [
      defineRoute({
        method: 'POST',
        url: spec.prefix,
        summary: `Upload an evidence file to ${kind === 'case' ? 'a case' : 'an incident'} (multipart: kind and description first, then the file); its type is decided from its content`,
        tags: ['evidence'],
        access: spec.record,
        params: spec.params,
        multipart: { fields: evidenceUploadFields, file: 'file' },
        response: evidenceItemSchema,
        successStatus: 201,
        errors: [...spec.errors, 'CSRF_REJECTED', 'FILE_TOO_LARGE', 'UNSUPPORTED_FILE_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
        handler: (context) =>
          uploadEvidence(evidenceDeps(), signedIn(context), spec.owner(context.params), context.request),
      }),
      defineRoute({
        method: 'GET',
        url: spec.prefix,
        summary: `${kind === 'case' ? "A case's" : "An incident's"} evidence files: kind, name, description, size, SHA-256 taken at upload`,
        tags: ['evidence'],
        access: spec.read,
        params: spec.params,
        response: evidenceListSchema,
        errors: [...spec.errors],
        handler: (context) => listEvidence(evidenceDeps(), signedIn(context), spec.owner(context.params)),
      }),
      defineRoute({
        method: 'GET',
        url: `${spec.prefix}/package`,
        summary: `An evidence package of ${kind === 'case' ? 'a case' : 'an incident'}: ZIP of the originals, manifest with hashes and custody, SHA256SUMS, Ed25519 signature, README (audited)`,
        tags: ['evidence'],
        access: spec.handle,
        params: spec.params,
        response: { kind: 'file' },
        errors: [...spec.errors, 'CONFLICT', 'SERVICE_UNAVAILABLE'],
        handler: async (context) => {
          const built = await buildEvidencePackage(evidenceDeps(), signedIn(context), spec.owner(context.params));
          return { status: 200, body: built.stream, file: { type: 'application/zip', name: built.name } };
        },
      }),
      fileRoute('working'),
      fileRoute('original'),
      defineRoute({
        method: 'GET',
        url: `${spec.prefix}/:evidenceId/custody`,
        summary:
          'The chain of custody of an evidence file: every upload, view, download and export, from the audit log',
        tags: ['evidence'],
        access: spec.read,
        params: spec.fileParams,
        response: custodySchema,
        errors: [...spec.errors],
        handler: (context) =>
          custodyHistory(evidenceDeps(), signedIn(context), spec.owner(context.params), context.params.evidenceId),
      }),
    ];
  }
}
