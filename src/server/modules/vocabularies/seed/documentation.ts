import type { SeedTerm } from './types.js';

/** How a perpetrator took part in an incident (after the HURIDOCS Events Standard Formats). */
export const INVOLVEMENTS: readonly SeedTerm[] = [
  { code: 'carried_out', ru: 'Совершил', en: 'Carried out' },
  { code: 'ordered', ru: 'Отдал приказ', en: 'Ordered' },
  { code: 'planned', ru: 'Спланировал', en: 'Planned' },
  { code: 'acquiesced', ru: 'Допустил, не вмешавшись', en: 'Acquiesced' },
  { code: 'suspected', ru: 'Подозревается', en: 'Suspected' },
];

/**
 * How exactly a date is known. The codes `day`, `month` and `year` also say
 * how the date is written (YYYY-MM-DD, YYYY-MM, YYYY); any other precision
 * (an estimate, or one an organization adds) accepts any of the three.
 */
export const DATE_PRECISIONS: readonly SeedTerm[] = [
  { code: 'day', ru: 'Точная дата', en: 'Exact day' },
  { code: 'month', ru: 'С точностью до месяца', en: 'Month' },
  { code: 'year', ru: 'С точностью до года', en: 'Year' },
  { code: 'estimate', ru: 'Приблизительно', en: 'Estimate' },
];

/** Who may learn of an incident beyond the staff who record it; `restricted` stays out of the analyst view. */
export const CONFIDENTIALITY_LEVELS: readonly SeedTerm[] = [
  { code: 'public', ru: 'Можно публиковать', en: 'May be published' },
  { code: 'internal', ru: 'Только для сотрудников', en: 'Staff only' },
  { code: 'restricted', ru: 'Ограниченный доступ (не для аналитики)', en: 'Restricted (kept out of analysis)' },
];

/** What a source is. */
export const SOURCE_KINDS: readonly SeedTerm[] = [
  { code: 'media_report', ru: 'Публикация в СМИ', en: 'Media report' },
  { code: 'testimony', ru: 'Показания', en: 'Testimony' },
  { code: 'document', ru: 'Документ', en: 'Document' },
  { code: 'official_record', ru: 'Официальный документ или ответ ведомства', en: 'Official record' },
];

/** How far a source can be relied on: five points, and unknown. */
export const RELIABILITIES: readonly SeedTerm[] = [
  { code: 'completely_reliable', ru: 'Полностью надёжный', en: 'Completely reliable' },
  { code: 'usually_reliable', ru: 'Обычно надёжный', en: 'Usually reliable' },
  { code: 'fairly_reliable', ru: 'Достаточно надёжный', en: 'Fairly reliable' },
  { code: 'not_usually_reliable', ru: 'Обычно ненадёжный', en: 'Not usually reliable' },
  { code: 'unreliable', ru: 'Ненадёжный', en: 'Unreliable' },
  { code: 'unknown', ru: 'Надёжность не установлена', en: 'Reliability unknown' },
];

/** How the one giving testimony knows what they tell. */
export const KNOWLEDGE_BASES: readonly SeedTerm[] = [
  { code: 'victim', ru: 'Пострадавший', en: 'Victim' },
  { code: 'witness', ru: 'Очевидец', en: 'Eyewitness' },
  { code: 'relative', ru: 'Родственник пострадавшего', en: "Victim's relative" },
  { code: 'third_party', ru: 'Со слов других', en: 'Third party' },
];
