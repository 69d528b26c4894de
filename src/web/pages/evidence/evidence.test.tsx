// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceItem, EvidenceList } from '../../../shared/evidence.schema.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { vocabularyRoutes } from '../../testing/fixtures.js';
import { json, screenPerTest, sessionState, stubApi } from '../../testing/harness.js';
import { CASE, CASE_VOCABULARIES, caseDetail, noRequests, timeline, until } from '../cases/case-fixtures.js';

const screen = screenPerTest();
const HASH = 'a'.repeat(32) + 'b'.repeat(32);

const item = (overrides: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id: '5b1f0c7e-8f0a-4c55-9d1e-6a7f4f0e2b11',
  caseId: CASE,
  incidentId: null,
  kind: 'court_decision',
  mediaType: 'application/pdf',
  name: 'решение суда.pdf',
  description: 'Решение Алчевского суда',
  size: 12_700,
  sha256: HASH,
  hasWorkingCopy: false,
  uploadedBy: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', username: 'vera' },
  uploadedAt: '2026-11-21T10:00:00.000Z',
  ...overrides,
});

/** A stand-in for XMLHttpRequest that the test drives: progress, an answer, an abort. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  aborted = false;
  withCredentials = false;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(share: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded: share * 1000, total: 1000 }));
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

async function casePage(list: () => EvidenceList) {
  stubApi({
    'GET /api/session': () => json(sessionState({ role: 'lawyer' })),
    [`GET /api/cases/${CASE}`]: () => json(caseDetail()),
    [`GET /api/cases/${CASE}/timeline`]: () => timeline({ events: [], nextCursor: null }),
    [`GET /api/cases/${CASE}/requests`]: noRequests,
    ...vocabularyRoutes(CASE_VOCABULARIES),
    [`GET /api/cases/${CASE}/evidence`]: () => json(list()),
  });
  await screen.render(`/cases/${CASE}`);
  return screen.find('evidence-section');
}

async function choose(files: File[]) {
  const input = (await screen.find('evidence-file')) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return Promise.resolve();
  });
}

const pdfFile = (name: string, size = 100) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });

describe('evidence files on the case page', () => {
  it.each([
    ['en', 'Court decision', '12.4 KB', 'View the original'],
    ['ru', 'Решение суда', '12,4 КБ', 'Посмотреть оригинал'],
  ] as const)(
    'lists a file with its kind, name, size, uploader and full SHA-256 (%s)',
    async (language, kind, size, open) => {
      await switchLanguage(language);
      const section = await casePage(() => ({ items: [item()], maxBytes: 1024 * 1024 }));
      await screen.find('evidence-item');
      expect(screen.byTestId('evidence-kind-label')?.textContent).toBe(kind);
      expect(section.textContent).toContain('решение суда.pdf');
      expect(section.textContent).toContain(size);
      expect(section.textContent).toContain('vera');
      expect(screen.byTestId('evidence-sha256')?.textContent).toBe(HASH);
      expect(screen.byTestId('evidence-open')?.textContent).toContain(open);
      expect(section.textContent).not.toContain('court_decision');
    },
  );

  it('sends kind and description before the file, shows its progress, and a cancel leaves a word that nothing was kept', async () => {
    await casePage(() => ({ items: [], maxBytes: 1024 * 1024 }));
    await screen.choose('evidence-kind', 'prosecutor_reply');
    await screen.type('evidence-description', 'Ответ на жалобу');
    await choose([pdfFile('ответ.pdf')]);
    const [xhr] = FakeXhr.sent;
    if (xhr === undefined) throw new Error('no upload was sent');
    expect([xhr.method, xhr.url, xhr.headers['X-Homeward-Request']]).toEqual([
      'POST',
      `/api/cases/${CASE}/evidence`,
      '1',
    ]);
    expect([...(xhr.body?.keys() ?? [])]).toEqual(['kind', 'description', 'file']);
    expect(xhr.body?.get('kind')).toBe('prosecutor_reply');
    xhr.progress(0.5);
    const bar = screen.container.querySelector<HTMLProgressElement>('[data-testid="evidence-sending"] progress');
    expect(bar?.value).toBe(0.5);
    const cancel = [...screen.container.querySelectorAll('[data-testid="evidence-sending"] button')][0];
    await act(() => {
      (cancel as HTMLButtonElement).click();
      return Promise.resolve();
    });
    expect(xhr.aborted).toBe(true);
    await until(() => screen.byTestId('evidence-sending')?.textContent.includes('nothing was kept') === true, 'cancel');
  });

  it("words the server's refusal naming the file, refuses a file over the limit before sending it, and lists an upload", async () => {
    let items: EvidenceItem[] = [];
    await casePage(() => ({ items, maxBytes: 1024 * 1024 }));
    await choose([pdfFile('photo.pdf'), pdfFile('huge.pdf', 2 * 1024 * 1024), pdfFile('good.pdf')]);
    expect(FakeXhr.sent).toHaveLength(2);
    const [refused, good] = FakeXhr.sent;
    refused?.answer(415, { error: { code: 'UNSUPPORTED_FILE_TYPE', message: 'x' } });
    items = [item({ name: 'good.pdf' })];
    good?.answer(201, items[0]);
    await until(() => screen.byTestId('evidence-item') !== null, 'the list reloaded');
    const words = [...screen.container.querySelectorAll('[data-testid="evidence-sending"]')].map((e) => e.textContent);
    expect(words).toEqual([
      '“photo.pdf” was not uploaded: its content is not a PDF, JPEG, PNG, WebP, DOCX or ODT file, or its name does not match its content.',
      '“huge.pdf” was not uploaded: it is 2 MB, larger than the 1 MB this installation accepts.',
      '“good.pdf” uploaded.',
    ]);
  });
});
