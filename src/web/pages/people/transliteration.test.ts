import { describe, expect, it } from 'vitest';
import { hasCyrillic, latinName, latinSpelling } from '../../../shared/transliteration.js';

describe('the passport spelling of Russian names', () => {
  it.each([
    ['Доржиев', 'Dorzhiev'],
    ['Цыренович', 'Tsyrenovich'],
    ['Юлия', 'Iuliia'],
    ['Щукин', 'Shchukin'],
    ['Хабибуллин', 'Khabibullin'],
    ['Пётр', 'Petr'],
    ['Сергей', 'Sergei'],
    ['Подъячев', 'Podieiachev'],
    ['Жанна-Мария', 'Zhanna-Mariia'],
    ['ДОРЖИЕВ', 'DORZHIEV'],
    ['Dorzhiev', 'Dorzhiev'],
  ])('writes %s as %s', (cyrillic, latin) => {
    expect(latinSpelling(cyrillic)).toBe(latin);
  });

  it('spells every part of a name, leaving out the parts it does not have', () => {
    expect(latinName({ family: 'Доржиев', given: 'Баир', patronymic: 'Цыренович' })).toEqual({
      family: 'Dorzhiev',
      given: 'Bair',
      patronymic: 'Tsyrenovich',
    });
    expect(latinName({ family: 'Доржиев' })).toEqual({ family: 'Dorzhiev' });
  });

  it('tells Cyrillic text from Latin', () => {
    expect(hasCyrillic('Доржиев')).toBe(true);
    expect(hasCyrillic('Dorzhiev')).toBe(false);
  });
});
