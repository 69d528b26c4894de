import { describe, expect, it } from 'vitest';
import { mergeAreas } from './merge.js';

describe('merging the message parts of a language', () => {
  it('keeps every part under its own keys', () => {
    expect(mergeAreas({ login: { title: 'Sign in' } }, { users: { title: 'Users' } })).toEqual({
      login: { title: 'Sign in' },
      users: { title: 'Users' },
    });
  });

  it('refuses two parts holding the same key, which would drop the first part’s messages', () => {
    expect(() => mergeAreas({ home: { title: 'Home' } }, { home: { welcome: 'Welcome' } })).toThrow(
      'two message parts both hold "home"',
    );
  });
});
