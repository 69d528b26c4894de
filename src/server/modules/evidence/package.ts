import crypto from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { CustodyEvent, EvidenceItem, EvidenceOwner } from '../../../shared/evidence.schema.js';
import type { SigningKey } from '../../audit/checkpoint.js';
import type { Subject } from '../../auth/access.js';
import { AppError } from '../../http/errors.js';
import { keyOwner, ownerWork } from './evidence-owner.js';
import { custodyEntries, listOwnerEvidence } from './evidence.queries.js';
import { auditHandling, presentEvidence, toCustodyEvent, type EvidenceDeps } from './evidence.service.js';
import { packageReadme } from './package-readme.js';

export const PACKAGE_FORMAT = 'homeward-evidence-package/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'public-key.pem';
export const SUMS = 'SHA256SUMS';

export interface PackageDeps extends EvidenceDeps {
  /** The installation's Ed25519 key (HOMEWARD_KEYS_DIR), read when a package is made. */
  signingKey: () => SigningKey;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  kind: EvidenceItem['kind'];
  mediaType: EvidenceItem['mediaType'];
  evidenceId: string;
  uploadedAt: string;
  uploadedBy: string | null;
  custody: CustodyEvent[];
}

/** The package's place for a file: numbered, so two files of one name stay apart. */
function packagePath(index: number, name: string): string {
  return `originals/${String(index + 1).padStart(3, '0')}-${name}`;
}

/** `sha256sum` lines; a name holding a backslash or newline would need escaping, which cleaned names never do. */
function sumsText(entries: readonly { sha256: string; path: string }[]): string {
  return entries.map((entry) => `${entry.sha256}  ${entry.path}\n`).join('');
}

/**
 * An evidence package of a case or an incident, after the Berkeley Protocol: the originals
 * only (working copies kept apart), a manifest with each file's recorded
 * SHA-256, size, kind and custody history, SHA256SUMS, an Ed25519 signature of
 * the manifest, the public key, and a README telling how to check it with
 * sha256sum and openssl. The signing key is loaded once the owner's rule has
 * let the actor through (a refused reader never causes the key to be read), and
 * before anything is audited: a package that cannot be signed is refused with
 * nothing audited as exported (the transaction rolls back). The
 * export is then audited on every file, in the transaction that read them, so
 * the manifest's custody history ends with it.
 * The hashes are the ones taken at ingest: a file altered in storage does not
 * open (the sealed stream fails) rather than being packaged with a new hash.
 */
export async function buildEvidencePackage(
  deps: PackageDeps,
  actor: Subject,
  owner: EvidenceOwner,
): Promise<{ stream: Readable; name: string }> {
  const { key, items, caseNumber, custody } = await ownerWork(
    deps,
    actor,
    owner,
    'handle',
    async ({ trx, caseNumber }) => {
      const key = deps.signingKey();
      const rows = await listOwnerEvidence(trx, owner);
      if (rows.length === 0) throw new AppError('CONFLICT', `The ${owner.kind} has no evidence files to package.`);
      await auditHandling(
        trx,
        deps,
        actor.userId,
        'evidence.export',
        rows.map((r) => r.id),
      );
      const presented: { item: EvidenceItem; fileId: string }[] = [];
      for (const r of rows) presented.push({ item: await presentEvidence(trx, deps, r), fileId: r.original_file_id });
      const entries = await custodyEntries(
        trx,
        rows.map((r) => r.id),
      );
      return { key, items: presented, caseNumber, custody: entries };
    },
  );
  const files: ManifestFile[] = items.map(({ item }, index) => ({
    path: packagePath(index, item.name),
    sha256: item.sha256,
    size: item.size,
    kind: item.kind,
    mediaType: item.mediaType,
    evidenceId: item.id,
    uploadedAt: item.uploadedAt,
    uploadedBy: item.uploadedBy.username,
    custody: custody.filter((entry) => entry.object_id === item.id).map(toCustodyEvent),
  }));
  const manifest = Buffer.from(
    `${JSON.stringify(
      {
        format: PACKAGE_FORMAT,
        ...(caseNumber === null ? { incident: { id: owner.id } } : { case: { id: owner.id, number: caseNumber } }),
        createdAt: deps.clock().toISOString(),
        signingKeyFingerprint: key.fingerprint,
        files,
      },
      null,
      2,
    )}\n`,
    'utf8',
  );
  const manifestHash = crypto.createHash('sha256').update(manifest).digest('hex');
  const zip = new ZipFile();
  const sealedUnder = keyOwner(owner);
  items.forEach(({ fileId }, index) => {
    const file = files[index];
    if (file === undefined) return;
    zip.addReadStreamLazy(file.path, { size: file.size, compress: false }, (callback) => {
      deps.files.get(sealedUnder, fileId).then(
        (stream) => callback(null, stream),
        (error: unknown) => callback(error, new PassThrough()),
      );
    });
  });
  zip.addBuffer(manifest, MANIFEST);
  zip.addBuffer(crypto.sign(null, manifest, key.privateKey), SIGNATURE);
  zip.addBuffer(Buffer.from(key.publicKeyPem, 'utf8'), PUBLIC_KEY);
  zip.addBuffer(Buffer.from(sumsText([...files, { sha256: manifestHash, path: MANIFEST }]), 'utf8'), SUMS);
  const about = caseNumber === null ? { incidentId: owner.id } : { caseNumber };
  zip.addBuffer(Buffer.from(packageReadme(about, key.fingerprint), 'utf8'), 'README.txt');
  zip.end();
  const stream = new PassThrough();
  zip.on('error', (error: Error) => stream.destroy(error));
  zip.outputStream.on('error', (error: Error) => stream.destroy(error));
  zip.outputStream.pipe(stream);
  return { stream, name: `evidence-${caseNumber ?? `incident-${owner.id.slice(0, 8)}`}.zip` };
}
