import fs from 'node:fs';

/**
 * What the optional parts of the test suite need, and whether this machine
 * has it. Under CI=true a missing part is an error, never a skip.
 */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL === '' ? undefined : process.env.TEST_DATABASE_URL;

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find(
    (candidate): candidate is string => candidate !== undefined && candidate !== '' && fs.existsSync(candidate),
  );
}
