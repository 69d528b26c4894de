// The evidence API as the web app calls it: the shared schemas' types, an upload through XMLHttpRequest (fetch
// reports no upload progress), and the files fetched as blobs to show or save in place (never another site's
// viewer, never a link that leaves the app).
import { errorBodySchema } from '../../shared/errors.js';
import {
  evidencePath,
  type EvidenceItem,
  type EvidenceKind,
  type EvidenceOwner,
} from '../../shared/evidence.schema.js';
import { ApiError, CSRF_HEADER, type ApiPath } from './client.js';

export type { CustodyEvent, EvidenceItem, EvidenceList, EvidenceOwner } from '../../shared/evidence.schema.js';

/** The API path of an owner's evidence, or of something under it (`/package`, `/<id>/working`). */
export function evidenceApi(owner: EvidenceOwner, below = ''): ApiPath {
  return `${evidencePath(owner)}${below}` as ApiPath;
}

/** An upload under way: its answer, and how to stop it (an aborted upload leaves nothing on the server). */
export interface UploadHandle {
  done: Promise<EvidenceItem>;
  abort(): void;
}

/** Thrown by `done` when the upload was cancelled. */
export class UploadAborted extends Error {
  override readonly name = 'AbortError';
}

function errorOf(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(code, status, message, fields ?? []);
  }
  return new ApiError(status === 413 ? 'FILE_TOO_LARGE' : 'INTERNAL_ERROR', status, `HTTP ${String(status)}`);
}

/**
 * Sends one file: the kind and description first, then the file, as the server reads them. `onProgress` gets
 * the share sent, from 0 to 1.
 */
export function uploadEvidenceFile(
  owner: EvidenceOwner,
  file: File,
  fields: { kind: EvidenceKind; description: string },
  onProgress: (share: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const form = new FormData();
  form.append('kind', fields.kind);
  if (fields.description.trim() !== '') form.append('description', fields.description.trim());
  form.append('file', file, file.name);
  const done = new Promise<EvidenceItem>((resolve, reject) => {
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as EvidenceItem);
        } catch {
          reject(new ApiError('INTERNAL_ERROR', xhr.status, 'The server answered with something other than JSON.'));
        }
        return;
      }
      reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError('SERVICE_UNAVAILABLE', 0, 'The server could not be reached.'));
    xhr.onabort = () => reject(new UploadAborted('cancelled'));
  });
  xhr.open('POST', evidenceApi(owner));
  xhr.withCredentials = false;
  xhr.setRequestHeader(CSRF_HEADER, '1');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}

/**
 * A file of the API as a Blob (the working copy, the original, the package) with the name the server gave it
 * (or `fallback`); each fetch is a custody event.
 */
export async function fetchEvidenceBlob(path: ApiPath, fallback: string): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  } catch {
    throw new ApiError('SERVICE_UNAVAILABLE', 0, 'The server could not be reached.');
  }
  if (!response.ok) throw errorOf(response.status, await response.text());
  return { blob: await response.blob(), name: savedName(response.headers.get('content-disposition'), fallback) };
}

/** The name the server gave a file (Content-Disposition), or `fallback`. */
function savedName(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1] !== undefined) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

/** Saves a Blob under `name` through a short-lived object URL; nothing leaves the browser. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
