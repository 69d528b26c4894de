import type { SeedTerm } from './types.js';

/** Act types of an incident (after the HURIDOCS Events Standard Formats). */
export const ACT_TYPES: readonly SeedTerm[] = [
  { code: 'report_refused', ru: 'Рапорт не принят или оставлен без ответа', en: 'Report refused or ignored' },
  { code: 'dismissal_denied', ru: 'Отказ в увольнении', en: 'Dismissal denied' },
  { code: 'detention_without_trial', ru: 'Удержание без суда', en: 'Detention without trial' },
  {
    code: 'held_incommunicado',
    ru: 'Удержание без связи, изъятие телефона',
    en: 'Held incommunicado or phone seized',
  },
  { code: 'threat_of_prosecution', ru: 'Угроза уголовным преследованием', en: 'Threat of prosecution' },
  { code: 'front_or_prison', ru: 'Ультиматум «фронт или тюрьма»', en: '“Front or prison” ultimatum' },
  { code: 'forced_return_to_front', ru: 'Принудительное возвращение на фронт', en: 'Forced return to the front' },
  { code: 'assault_unit', ru: 'Направление в штурмовое подразделение', en: 'Placement in an assault unit' },
  {
    code: 'medical_care_denied',
    ru: 'Отказ в медицинской помощи или в направлении на ВВК',
    en: 'Medical care or medical commission denied',
  },
  { code: 'beating_torture', ru: 'Избиение или пытки', en: 'Beating or torture' },
  { code: 'forced_labour', ru: 'Принудительный труд', en: 'Forced labour' },
  { code: 'extortion', ru: 'Вымогательство', en: 'Extortion' },
  { code: 'pressure_on_family', ru: 'Давление на родственников', en: 'Pressure on family' },
  { code: 'disciplinary_dismissal', ru: 'Увольнение в дисциплинарном порядке', en: 'Disciplinary dismissal' },
  { code: 'criminal_charge', ru: 'Уголовное обвинение', en: 'Criminal charge' },
  { code: 'closed_trial', ru: 'Закрытый судебный процесс', en: 'Closed trial' },
  { code: 'death', ru: 'Гибель', en: 'Death' },
  { code: 'disappearance', ru: 'Исчезновение', en: 'Disappearance' },
];

/** The part a person plays in a case or incident. */
export const PERSON_ROLES: readonly SeedTerm[] = [
  { code: 'serviceman', ru: 'Военнослужащий', en: 'Serviceman' },
  { code: 'relative', ru: 'Родственник', en: 'Relative' },
  { code: 'spokesperson', ru: 'Представитель группы', en: 'Spokesperson' },
  { code: 'lawyer', ru: 'Адвокат или юрист', en: 'Lawyer' },
  { code: 'witness', ru: 'Свидетель', en: 'Witness' },
  { code: 'commander_official', ru: 'Командир или должностное лицо', en: 'Commander or official' },
  { code: 'prosecutor', ru: 'Прокурор', en: 'Prosecutor' },
  { code: 'judge', ru: 'Судья', en: 'Judge' },
  { code: 'journalist', ru: 'Журналист', en: 'Journalist' },
];

/**
 * Court types. Servicemen go to the military courts (garrison → district or
 * fleet military court on appeal → Cassation Military Court); National Guard
 * employees with police ranks go to the ordinary courts (district → regional
 * on appeal → cassation court of general jurisdiction). Both end at the
 * Supreme Court.
 */
export const COURT_TYPES: readonly SeedTerm[] = [
  { code: 'garrison_military_court', ru: 'Гарнизонный военный суд', en: 'Garrison military court' },
  {
    code: 'district_military_court',
    ru: 'Окружной (флотский) военный суд (апелляция)',
    en: 'District or fleet military court (appeal)',
  },
  { code: 'cassation_military_court', ru: 'Кассационный военный суд', en: 'Cassation Military Court' },
  { code: 'district_court', ru: 'Районный (городской) суд', en: 'District court (ordinary)' },
  {
    code: 'regional_court',
    ru: 'Областной (краевой, республиканский) суд (апелляция)',
    en: 'Regional court (appeal)',
  },
  {
    code: 'general_cassation_court',
    ru: 'Кассационный суд общей юрисдикции',
    en: 'Cassation court of general jurisdiction',
  },
  { code: 'supreme_court', ru: 'Верховный Суд Российской Федерации', en: 'Supreme Court of the Russian Federation' },
];
