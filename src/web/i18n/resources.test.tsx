// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import { en } from './en.js';
import { ru } from './ru.js';

/** Every leaf of a message tree as a dotted path, with its text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [p, v] of leaves(value, path)) out.set(p, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

describe('message resources', () => {
  const enLeaves = leaves(en);
  const ruLeaves = leaves(ru);

  it('have exactly the same keys in Russian and English', () => {
    expect([...ruLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('hold a non-empty string at every key', () => {
    for (const [path, text] of [...enLeaves, ...ruLeaves]) {
      expect(typeof text, path).toBe('string');
      expect(String(text).trim(), path).not.toBe('');
    }
  });

  it('have a message for every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(enLeaves.get(`errors.${code}`), code).toEqual(expect.any(String));
      expect(ruLeaves.get(`errors.${code}`), code).toEqual(expect.any(String));
    }
  });

  it('are actually translated: Russian text differs from English except for names', () => {
    const sameInBothLanguages = new Set(['app.name']);
    for (const [path, text] of ruLeaves) {
      if (!sameInBothLanguages.has(path)) expect(text, path).not.toBe(enLeaves.get(path));
    }
  });
});
