import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../i18n/i18n.js';

/** A size as people read it: "834 B", "12.4 KB", "100 MB", in the locale's digits. */
export function formatSize(t: TFunction, language: string, bytes: number): string {
  const number = (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return t('evidence.units.B', { n: number(bytes) });
  if (bytes < 1024 * 1024) return t('evidence.units.KB', { n: number(bytes / 1024) });
  return t('evidence.units.MB', { n: number(bytes / (1024 * 1024)) });
}

/** Why a file was not taken, in words naming the file (and the limit, for one too large). */
export function refusalWords(
  t: TFunction,
  language: string,
  file: { name: string; size: number },
  error: unknown,
  maxBytes: number,
): string {
  const size = formatSize(t, language, file.size);
  const limit = formatSize(t, language, maxBytes);
  const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
  if (code === 'FILE_TOO_LARGE' || code === 'PAYLOAD_TOO_LARGE') {
    return t('evidence.tooLarge', { name: file.name, size, limit });
  }
  if (code === 'UNSUPPORTED_FILE_TYPE') return t('evidence.unsupported', { name: file.name });
  return t('evidence.failed', { name: file.name, reason: errorMessage(t, code) });
}
