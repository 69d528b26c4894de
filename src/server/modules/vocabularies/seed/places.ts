import type { SeedTerm } from './types.js';

/**
 * Places and facilities. Every seeded place is an example (`example: true`)
 * taken from public reporting (docs: shared/DOMAIN.md): an organization
 * checks, corrects and extends them. The region is an attribute (a region
 * code), so that the place tree stays within its own vocabulary.
 *
 * Military units are not seeded: no list of unit numbers is both public and
 * reliable enough to ship as data. Coordinators add the units they meet.
 */
export const PLACES: readonly SeedTerm[] = [
  {
    code: 'bryanka',
    ru: 'Брянка — место незаконного удержания военнослужащих',
    en: 'Bryanka — unlawful detention site for servicemen',
    attributes: { kind: 'detention', region: 'UA-09', example: true, aliases: ['Брянка', 'Bryanka', 'Brianka'] },
  },
  {
    code: 'perevalsk',
    ru: 'Перевальск — «центр восстановления боеспособности»',
    en: 'Perevalsk — “combat-readiness restoration centre”',
    attributes: {
      kind: 'camp',
      region: 'UA-09',
      example: true,
      aliases: ['Перевальск', 'Perevalsk', 'центр поддержания боеспособности'],
    },
  },
  {
    code: 'rubizhne',
    ru: 'Рубежное — место удержания отказавшихся воевать',
    en: 'Rubizhne — detention site for those refusing to fight',
    attributes: { kind: 'detention', region: 'UA-09', example: true, aliases: ['Рубежное', 'Рубіжне', 'Rubizhne'] },
  },
  {
    code: 'zavitne-bazhannya',
    ru: 'Завитне Бажання — подвалы для удержания отказавшихся воевать',
    en: 'Zavitne Bazhannya — basements holding those refusing to fight',
    // Reported in the Donetsk region (NOS, November 2022); check before relying on it.
    attributes: {
      kind: 'detention',
      region: 'UA-14',
      example: true,
      aliases: ['Завитне Бажання', 'Завітне Бажання', 'Zavitne Bazhannia'],
    },
  },
  {
    code: 'commandant-office-example',
    ru: 'Военная комендатура (пример: укажите город)',
    en: "Military commandant's office (example: name the town)",
    attributes: { kind: 'commandant_office', example: true },
  },
  {
    code: 'court-235-gvs',
    ru: '235-й гарнизонный военный суд (Москва)',
    en: '235th Garrison Military Court (Moscow)',
    attributes: { kind: 'court', courtType: 'garrison_military_court', region: 'RU-MOW', example: true },
  },
  {
    code: 'court-ulan-ude-gvs',
    ru: 'Улан-Удэнский гарнизонный военный суд',
    en: 'Ulan-Ude Garrison Military Court',
    attributes: { kind: 'court', courtType: 'garrison_military_court', region: 'RU-BU', example: true },
  },
  {
    code: 'court-nalchik-gvs',
    ru: 'Нальчикский гарнизонный военный суд',
    en: 'Nalchik Garrison Military Court',
    attributes: { kind: 'court', courtType: 'garrison_military_court', region: 'RU-KB', example: true },
  },
  {
    code: 'court-southern-district-military',
    ru: 'Южный окружной военный суд (Ростов-на-Дону)',
    en: 'Southern District Military Court (Rostov-on-Don)',
    attributes: { kind: 'court', courtType: 'district_military_court', region: 'RU-ROS', example: true },
  },
  {
    code: 'court-cassation-military',
    ru: 'Кассационный военный суд (Новосибирск)',
    en: 'Cassation Military Court (Novosibirsk)',
    attributes: { kind: 'court', courtType: 'cassation_military_court', region: 'RU-NVS', example: true },
  },
];
