// The evidence API: the Zod schemas the server validates and answers with, and whose inferred types the web app
// reads. The upload itself is multipart (a file part and the fields below), answered with an evidence item.
import { z } from 'zod';

/** What a file is, as a documentalist files it; worded in both languages by the web app (en-evidence.ts). */
export const EVIDENCE_KINDS = [
  'contract_scan',
  'report_with_stamp',
  'prosecutor_reply',
  'court_decision',
  'photo',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * The types an upload may be, decided from its bytes (magic numbers), never from its name or declared type; the
 * extensions a name may carry for each. Images get a working copy with their metadata removed.
 */
export const EVIDENCE_TYPES = {
  'application/pdf': { extensions: ['pdf'], image: false },
  'image/jpeg': { extensions: ['jpg', 'jpeg', 'jpe'], image: true },
  'image/png': { extensions: ['png'], image: true },
  'image/webp': { extensions: ['webp'], image: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], image: false },
  'application/vnd.oasis.opendocument.text': { extensions: ['odt'], image: false },
} as const satisfies Record<string, { extensions: readonly string[]; image: boolean }>;
export type EvidenceMediaType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_MEDIA_TYPES = Object.keys(EVIDENCE_TYPES) as [EvidenceMediaType, ...EvidenceMediaType[]];

export function isEvidenceMediaType(value: string): value is EvidenceMediaType {
  return Object.hasOwn(EVIDENCE_TYPES, value);
}

export const EVIDENCE_DESCRIPTION_MAX = 2_000;
export const EVIDENCE_NAME_MAX = 200;

/** The multipart fields that come before the file part. */
export const evidenceUploadFields = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  description: z.string().trim().max(EVIDENCE_DESCRIPTION_MAX).optional(),
});
export type EvidenceUploadFields = z.infer<typeof evidenceUploadFields>;

export const evidenceParams = z.object({ caseId: z.uuid(), evidenceId: z.uuid() });
export const incidentEvidenceParams = z.object({ incidentId: z.uuid(), evidenceId: z.uuid() });

/** What evidence files are attached to: a case or an incident (each file has exactly one owner). */
export const EVIDENCE_OWNER_KINDS = ['case', 'incident'] as const;
export interface EvidenceOwner {
  kind: (typeof EVIDENCE_OWNER_KINDS)[number];
  id: string;
}
/** The API path of an owner's evidence files. */
export function evidencePath(owner: EvidenceOwner): string {
  return `/api/${owner.kind === 'case' ? 'cases' : 'incidents'}/${owner.id}/evidence`;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const evidenceItemSchema = z.object({
  id: z.string(),
  /** The owner: exactly one of the two is set. */
  caseId: z.string().nullable(),
  incidentId: z.string().nullable(),
  kind: z.enum(EVIDENCE_KINDS),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  /** The file's name as uploaded, cleaned of any folder part. */
  name: z.string(),
  description: z.string().nullable(),
  size: z.number().int(),
  /** Of the original, taken while it streamed in. */
  sha256,
  /**
   * Whether staff view a copy with the metadata removed (images). Without one (PDF, DOCX, ODT) the file to view is
   * the original itself, and opening it is recorded as a view of the original (`evidence.view_original`).
   */
  hasWorkingCopy: z.boolean(),
  uploadedBy: z.object({ id: z.string(), username: z.string().nullable() }),
  uploadedAt: z.string(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const evidenceListSchema = z.object({
  items: z.array(evidenceItemSchema),
  /** The largest file an upload may carry, in bytes (HOMEWARD_EVIDENCE_MAX_MB), so a refusal can name it. */
  maxBytes: z.number().int(),
});
export type EvidenceList = z.infer<typeof evidenceListSchema>;

export const CUSTODY_ACTIONS = [
  'evidence.upload',
  'evidence.view',
  'evidence.view_original',
  'evidence.download',
  'evidence.export',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** One handling of a file, as the audit log holds it. */
export const custodyEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.enum(CUSTODY_ACTIONS),
  actor: z.object({ id: z.string().nullable(), username: z.string().nullable() }),
  outcome: z.enum(['success', 'failure', 'denied']),
});
export type CustodyEvent = z.infer<typeof custodyEventSchema>;

export const custodySchema = z.object({ events: z.array(custodyEventSchema) });
