import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../src/server/modules/evidence/check-package.js';
import { jpegWithGps, sha256, zipEntries } from '../test/evidence.js';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * The documentation issue's whole path, as a documentalist (a coordinator)
 * walks it in Chromium: from a case of a mobilised man, an incident of the
 * reported pattern (a group held in the Perevalsk camp in Luhansk region and
 * threatened with prosecution), a media report as its source, a photo as its
 * evidence, and the signed package whose manifest holds the photo's SHA-256
 * as uploaded.
 */
describe('documenting an incident in Chromium', () => {
  let e2e: E2eContext;
  let documentalist: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    documentalist = await e2e.addUser('coordinator', 'doc-lena');
  });
  afterAll(() => e2e.close());

  it('records the camp incident from a case, with a media source and a photo, and packages the photo unchanged', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: documentalist });
    const opened = await page.request.post(`${e2e.server.url}/api/cases`, {
      headers: { 'x-homeward-request': '1' },
      data: { type: 'detention_missing', title: 'Возвращён из отпуска и удерживается' },
    });
    expect(opened.status()).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;

    await page.goto(`${e2e.server.url}/cases/${caseId}`);
    await page.getByTestId('case-incident-new').click();
    await page.waitForURL(/\/incidents\/new\?case=/);
    await page.getByTestId('incident-form-title').fill('Группа удерживается в Перевальске');
    await page.getByTestId('incident-form-description').fill('Вернули из отпуска, держат в лагере, грозят судом.');
    await page.getByTestId('incident-form-start-precision').selectOption('month');
    await page.getByTestId('incident-form-start-date').fill('2026-09');
    await page.getByTestId('incident-form-place').selectOption('perevalsk');
    await page.getByTestId('act-0-type').selectOption('detention_without_trial');
    await page.getByTestId('act-0-victim-0-count').fill('12');
    await page.getByTestId('act-add').click();
    await page.getByTestId('act-1-type').selectOption('threat_of_prosecution');
    await page.getByTestId('act-1-victim-0-count').fill('12');
    await page.getByTestId('incident-form-submit').click();

    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('incident-title').textContent()).toBe('Группа удерживается в Перевальске');
    expect(await page.getByTestId('incident-period').textContent()).toBe('сентябрь 2026');
    const acts = await page.getByTestId('incident-act').allTextContents();
    expect(acts.join(' | ')).toMatch(/Удержание без суда.*\|.*Угроза уголовным преследованием/);
    expect(await page.getByTestId('incident-case-link').count()).toBe(1);

    await page.getByTestId('source-open').click();
    await page.getByTestId('source-reliability').selectOption('usually_reliable');
    await page.getByTestId('source-outlet').fill('Вёрстка');
    await page.getByTestId('source-url').fill('https://verstka.example/perevalsk');
    await page.getByTestId('source-title').fill('Мобилизованных держат в лагере');
    await page.getByTestId('source-published').fill('2026-09-20');
    await page.getByTestId('source-language').selectOption('ru');
    await page.getByTestId('source-submit').click();
    await expect.poll(() => page.getByTestId('incident-source').textContent()).toContain('Вёрстка');

    // The photo, taken in on the incident's page: its SHA-256 shown is that of the bytes sent.
    const photo = jpegWithGps('телефон свидетеля');
    await page.getByTestId('evidence-kind').selectOption('photo');
    await page.getByTestId('evidence-description').fill('Ворота лагеря');
    await page
      .getByTestId('evidence-file')
      .setInputFiles({ name: 'vorota.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.getByTestId('evidence-sha256').textContent()).toBe(sha256(photo));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-package').click()]);
    const saved = await download.path();
    const entries = await zipEntries(fs.readFileSync(saved));
    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '{}') as {
      files: { sha256: string; path?: string }[];
    };
    expect(manifest.files.map((file) => file.sha256)).toEqual([sha256(photo)]);
    const originals = [...entries.entries()].filter(([name]) => name.startsWith('originals/'));
    expect(originals.map(([, bytes]) => sha256(bytes))).toEqual([sha256(photo)]);
    expect(await checkPackage(saved)).toMatchObject({ ok: true, originals: 1, problems: [] });

    // The case page lists the incident it now documents.
    await page.getByTestId('incident-case-link').click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await expect.poll(() => page.getByTestId('case-incident').textContent()).toContain('Перевальске');
    expect(e2e.requests.filter((url) => !url.startsWith(e2e.server.url) && !url.startsWith('blob:'))).toEqual([]);
    await page.close();
  });
});
