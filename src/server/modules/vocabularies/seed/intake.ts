import type { SeedTerm } from './types.js';

/** How a request reached the organization. */
export const CHANNELS: readonly SeedTerm[] = [
  { code: 'web_form', ru: 'Веб-форма', en: 'Web form' },
  { code: 'chat_bot', ru: 'Чат-бот', en: 'Chat bot' },
  { code: 'phone', ru: 'Телефон', en: 'Phone' },
  { code: 'email', ru: 'Электронная почта', en: 'Email' },
  { code: 'in_person', ru: 'Лично', en: 'In person' },
];

/** Who is asking, in relation to the serviceman. */
export const REQUESTER_ROLES: readonly SeedTerm[] = [
  { code: 'self', ru: 'Сам военнослужащий', en: 'The serviceman himself or herself' },
  { code: 'spouse', ru: 'Супруг или супруга', en: 'Spouse' },
  { code: 'parent', ru: 'Родитель', en: 'Parent' },
  { code: 'other_relative', ru: 'Другой родственник', en: 'Other relative' },
  { code: 'group_spokesperson', ru: 'Представитель группы', en: 'Group spokesperson' },
  { code: 'lawyer', ru: 'Адвокат или юрист', en: 'Lawyer' },
  { code: 'other', ru: 'Другое', en: 'Other' },
];

/**
 * Service categories. National Guard employees with police ranks are not
 * servicemen: they sue in ordinary district courts, not garrison military
 * courts (`courtType`).
 */
export const SERVICE_CATEGORIES: readonly SeedTerm[] = [
  {
    code: 'contract',
    ru: 'Военнослужащий по контракту',
    en: 'Contract serviceman',
    attributes: { courtType: 'garrison_military_court' },
  },
  {
    code: 'mobilized',
    ru: 'Мобилизованный',
    en: 'Mobilized',
    attributes: { courtType: 'garrison_military_court' },
  },
  {
    code: 'conscript',
    ru: 'Военнослужащий по призыву',
    en: 'Conscript',
    attributes: { courtType: 'garrison_military_court' },
  },
  {
    code: 'national_guard_serviceman',
    ru: 'Военнослужащий Росгвардии',
    en: 'National Guard serviceman',
    attributes: { courtType: 'garrison_military_court' },
  },
  {
    code: 'national_guard_employee',
    ru: 'Сотрудник Росгвардии со специальным званием полиции',
    en: 'National Guard employee with a police rank',
    attributes: { courtType: 'district_court' },
  },
  { code: 'volunteer', ru: 'Доброволец', en: 'Volunteer' },
  { code: 'prisoner_recruit', ru: 'Завербованный из мест лишения свободы', en: 'Prisoner recruit' },
  { code: 'other', ru: 'Другое', en: 'Other' },
];

/** The force the serviceman belongs to. */
export const FORCES: readonly SeedTerm[] = [
  { code: 'defence_ministry', ru: 'Министерство обороны', en: 'Defence Ministry' },
  { code: 'national_guard', ru: 'Росгвардия', en: 'National Guard (Rosgvardia)' },
  { code: 'other', ru: 'Другое', en: 'Other' },
];

/** Where the serviceman is now. */
export const LOCATION_TYPES: readonly SeedTerm[] = [
  { code: 'home', ru: 'Дома', en: 'At home' },
  { code: 'unit', ru: 'В воинской части', en: 'In the unit' },
  { code: 'war_zone', ru: 'В зоне боевых действий', en: 'In the war zone' },
  { code: 'detention', ru: 'В месте удержания или под стражей', en: 'In a detention facility' },
  { code: 'hospital', ru: 'В госпитале', en: 'In hospital' },
  { code: 'unknown', ru: 'Неизвестно', en: 'Unknown' },
];
