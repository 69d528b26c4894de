import type { Prng } from './prng.js';

/**
 * Invented people for the demo: family names, given names and patronymics
 * common in each region, combined at random, so no combination stands for
 * anyone. Latin spellings come from the app's own transliteration.
 */
export interface DemoName {
  family: string;
  given: string;
  patronymic: string;
}

interface Pool {
  family: readonly string[];
  given: readonly string[];
  fathers: readonly string[];
}

const BURYAT: Pool = {
  family: [
    'Доржиев',
    'Цыренов',
    'Бадмаев',
    'Намсараев',
    'Жамсуев',
    'Баиров',
    'Очиров',
    'Гомбоев',
    'Дашиев',
    'Батуев',
    'Будаев',
    'Санжиев',
    'Раднаев',
    'Шагдуров',
    'Аюшеев',
    'Цыбиков',
    'Эрдынеев',
    'Балданов',
  ],
  given: [
    'Баир',
    'Булат',
    'Цырен',
    'Доржи',
    'Жаргал',
    'Алдар',
    'Солбон',
    'Тимур',
    'Баясхалан',
    'Зорикто',
    'Аюр',
    'Бато',
    'Мунко',
    'Чингис',
    'Эрдэм',
    'Саян',
    'Андрей',
    'Виктор',
  ],
  fathers: ['Баир', 'Доржи', 'Цырен', 'Бато', 'Николай', 'Сергей', 'Будажап', 'Гармажап', 'Владимир'],
};

const RUSSIAN: Pool = {
  family: [
    'Соколов',
    'Лебедев',
    'Кузнецов',
    'Поляков',
    'Воронин',
    'Морозов',
    'Тихонов',
    'Зайцев',
    'Белов',
    'Горбунов',
    'Ершов',
    'Калинин',
    'Никитин',
    'Фомин',
    'Щукин',
    'Рябов',
  ],
  given: [
    'Алексей',
    'Дмитрий',
    'Иван',
    'Максим',
    'Михаил',
    'Павел',
    'Роман',
    'Сергей',
    'Евгений',
    'Денис',
    'Николай',
    'Олег',
    'Антон',
    'Кирилл',
  ],
  fathers: ['Александр', 'Владимир', 'Игорь', 'Юрий', 'Виктор', 'Олег', 'Геннадий', 'Анатолий'],
};

const KABARDIAN: Pool = {
  family: [
    'Кармоков',
    'Шогенов',
    'Кумыков',
    'Тхакахов',
    'Хагажеев',
    'Бжамбеев',
    'Карданов',
    'Шебзухов',
    'Мамхегов',
    'Тлупов',
    'Кушхов',
    'Жигунов',
    'Хашхожев',
    'Эльмесов',
  ],
  given: [
    'Азамат',
    'Аслан',
    'Мурат',
    'Залим',
    'Тимур',
    'Алим',
    'Астемир',
    'Беслан',
    'Заур',
    'Ислам',
    'Рустам',
    'Анзор',
    'Мухамед',
    'Казбек',
  ],
  fathers: ['Хасан', 'Мухамед', 'Анатолий', 'Хамид', 'Борис', 'Мурат', 'Руслан', 'Хасанби'],
};

const WOMEN_GIVEN = [
  'Сэсэг',
  'Туяна',
  'Дарима',
  'Оюна',
  'Елена',
  'Наталья',
  'Ольга',
  'Марина',
  'Залина',
  'Мадина',
  'Светлана',
  'Людмила',
  'Баирма',
  'Аюна',
];

export type NamePool = 'buryat' | 'russian' | 'kabardian';
const POOLS: Record<NamePool, Pool> = { buryat: BURYAT, russian: RUSSIAN, kabardian: KABARDIAN };

function patronymic(father: string, female: boolean): string {
  const soft = /[йь]$/.test(father);
  const stem = soft ? father.slice(0, -1) : father;
  if (/[иоуэ]$/.test(father)) return `${father}${female ? 'евна' : 'евич'}`;
  return `${stem}${soft ? (female ? 'евна' : 'евич') : female ? 'овна' : 'ович'}`;
}

/** A man's name from the region's pool. */
export function manName(prng: Prng, pool: NamePool): DemoName {
  const p = POOLS[pool];
  return {
    family: prng.pick(p.family),
    given: prng.pick(p.given),
    patronymic: patronymic(prng.pick(p.fathers), false),
  };
}

/** A woman of the man's family (his wife or mother, who writes for him). */
export function relativeName(prng: Prng, pool: NamePool, of: DemoName): DemoName {
  const family = /(ов|ев|ин)$/.test(of.family) ? `${of.family}а` : of.family;
  return { family, given: prng.pick(WOMEN_GIVEN), patronymic: patronymic(prng.pick(POOLS[pool].fathers), true) };
}

export function fullName(name: DemoName): string {
  return `${name.family} ${name.given} ${name.patronymic}`;
}

/** "Доржиев Б. Ц.": how a note or a title mentions a man. */
export function shortName(name: DemoName): string {
  return `${name.family} ${name.given.slice(0, 1)}. ${name.patronymic.slice(0, 1)}.`;
}
