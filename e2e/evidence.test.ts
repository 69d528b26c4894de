import fs from 'node:fs';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../src/server/modules/evidence/check-package.js';
import { GPS, PNG, exifWithGps, jpegWithGps, sha256, zipEntries } from '../test/evidence.js';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/** A photo with its GPS position, taken in on a case page, viewed without it, and packaged for a court. */
describe('evidence files on a case page, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-evi');
  });
  afterAll(() => e2e.close());

  it('uploads a photo, shows its SHA-256, serves a working copy without GPS, and packages the original', async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: coordinator });
    await page.goto(`${e2e.server.url}/cases/new`);
    await expect.poll(() => page.getByTestId('case-new-type').locator('option').count()).toBeGreaterThan(1);
    await page.getByTestId('case-new-type').selectOption('contract_termination');
    await page.getByTestId('case-new-title').fill('Held in a camp in Luhansk region');
    await page.getByTestId('case-new-submit').click();
    await page.getByTestId('case-number').waitFor();

    const photo = jpegWithGps('phone of the owner');
    expect((await exifr.gps(photo)).latitude).toBeCloseTo(GPS.latitude, 3);
    await page.getByTestId('evidence-kind').selectOption('photo');
    await page.getByTestId('evidence-description').fill('The camp gate');
    await page.getByTestId('evidence-file').setInputFiles({ name: 'camp.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.getByTestId('evidence-sha256').textContent()).toBe(sha256(photo));
    expect(await page.getByTestId('evidence-item').textContent()).toContain('Photo');

    // The working copy, shown in place from a blob URL: the bytes served carry no GPS, no EXIF block, no comment.
    const [served] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/working')),
      page.getByTestId('evidence-open').click(),
    ]);
    const preview = page.getByTestId('evidence-preview');
    await preview.waitFor();
    expect(((await preview.getAttribute('src')) ?? '').startsWith('blob:')).toBe(true);
    // Chromium keeps no body of a no-store answer read as a blob: the same URL again, in the page's session.
    const shown = await (await page.request.get(served.url())).body();
    expect(shown.length).toBeGreaterThan(0);
    expect(await exifr.gps(shown)).toBeUndefined();
    expect(shown.includes(exifWithGps())).toBe(false);
    expect(shown.includes(Buffer.from('phone of the owner'))).toBe(false);
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);

    // The package: the manifest's hash is the photo's as uploaded, and the whole package checks out.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-package').click()]);
    const saved = await download.path();
    expect(download.suggestedFilename()).toMatch(/^evidence-.+\.zip$/);
    const manifest = JSON.parse(
      (await zipEntries(fs.readFileSync(saved))).get('manifest.json')?.toString() ?? '{}',
    ) as {
      files: { sha256: string }[];
    };
    expect(manifest.files.map((f) => f.sha256)).toEqual([sha256(photo)]);
    expect(await checkPackage(saved)).toMatchObject({ ok: true, originals: 1, problems: [] });
    expect(fs.statSync(saved).size).toBeGreaterThan(photo.length);

    // The custody history, worded: uploaded, viewed, exported, by whom.
    await page.getByTestId('evidence-custody-toggle').click();
    await expect
      .poll(() => page.getByTestId('evidence-custody').textContent())
      .toContain('Exported in a package by coord-evi');
    const custody = (await page.getByTestId('evidence-custody').textContent()) ?? '';
    expect(custody).toContain('Uploaded by coord-evi');
    expect(custody.match(/Working copy viewed by coord-evi/g)).toHaveLength(2);

    // A PNG named as a PDF is refused, in words naming the file; the list keeps its one file.
    await page
      .getByTestId('evidence-file')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: PNG });
    const refusal = page.getByTestId('evidence-sending').filter({ hasText: 'scan.pdf' });
    await expect
      .poll(() => refusal.textContent())
      .toBe(
        '“scan.pdf” was not uploaded: its content is not a PDF, JPEG, PNG, WebP, DOCX or ODT file, or its name does not match its content.',
      );
    expect(await page.getByTestId('evidence-item').count()).toBe(1);

    // On a phone the section (the full hash, long names, the progress lines) stays within the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > 361)
        .map(
          (el) =>
            `${el.tagName}.${el.className}[${el.getAttribute('data-testid') ?? ''}] ${String(Math.round(el.getBoundingClientRect().right))}`,
        )
        .slice(0, 12),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(e2e.requests.filter((url) => !url.startsWith(e2e.server.url) && !url.startsWith('blob:'))).toEqual([]);
    expect(e2e.consoleErrors.filter((message) => /Content Security Policy|Refused/i.test(message))).toEqual([]);
    await page.close();
  });
});
