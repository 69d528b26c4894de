import type { SeedTerm } from './types.js';

/**
 * Regions: country → subject. Under Russia, the 83 federal subjects that
 * ISO 3166-2:RU lists, coded by it. Under Ukraine, the six territories that
 * Russia claims as subjects (Crimea, Sevastopol, Donetsk, Luhansk,
 * Zaporizhzhia, Kherson), named as Ukrainian regions and coded by ISO
 * 3166-2:UA, with the occupation's names as aliases so that intake text
 * using them still matches. Siblings have sort 0: the web app orders them by
 * label in the reader's language.
 */
const subject = (code: string, ru: string, en: string): SeedTerm => ({ code, ru, en, parent: 'RU', sort: 0 });

export const REGIONS: readonly SeedTerm[] = [
  { code: 'RU', ru: 'Россия', en: 'Russia', sort: 0 },
  { code: 'UA', ru: 'Украина (оккупированная территория)', en: 'Ukraine (occupied territory)', sort: 1 },

  // Republics (21)
  subject('RU-AD', 'Республика Адыгея', 'Republic of Adygea'),
  subject('RU-AL', 'Республика Алтай', 'Altai Republic'),
  subject('RU-BA', 'Республика Башкортостан', 'Republic of Bashkortostan'),
  subject('RU-BU', 'Республика Бурятия', 'Republic of Buryatia'),
  subject('RU-CE', 'Чеченская Республика', 'Chechen Republic'),
  subject('RU-CU', 'Чувашская Республика', 'Chuvash Republic'),
  subject('RU-DA', 'Республика Дагестан', 'Republic of Dagestan'),
  subject('RU-IN', 'Республика Ингушетия', 'Republic of Ingushetia'),
  subject('RU-KB', 'Кабардино-Балкарская Республика', 'Kabardino-Balkar Republic'),
  subject('RU-KL', 'Республика Калмыкия', 'Republic of Kalmykia'),
  subject('RU-KC', 'Карачаево-Черкесская Республика', 'Karachay-Cherkess Republic'),
  subject('RU-KR', 'Республика Карелия', 'Republic of Karelia'),
  subject('RU-KK', 'Республика Хакасия', 'Republic of Khakassia'),
  subject('RU-KO', 'Республика Коми', 'Komi Republic'),
  subject('RU-ME', 'Республика Марий Эл', 'Mari El Republic'),
  subject('RU-MO', 'Республика Мордовия', 'Republic of Mordovia'),
  subject('RU-SA', 'Республика Саха (Якутия)', 'Sakha (Yakutia) Republic'),
  subject('RU-SE', 'Республика Северная Осетия — Алания', 'Republic of North Ossetia–Alania'),
  subject('RU-TA', 'Республика Татарстан', 'Republic of Tatarstan'),
  subject('RU-TY', 'Республика Тыва', 'Tuva Republic'),
  subject('RU-UD', 'Удмуртская Республика', 'Udmurt Republic'),

  // Krais (9)
  subject('RU-ALT', 'Алтайский край', 'Altai Krai'),
  subject('RU-ZAB', 'Забайкальский край', 'Zabaykalsky Krai'),
  subject('RU-KAM', 'Камчатский край', 'Kamchatka Krai'),
  subject('RU-KDA', 'Краснодарский край', 'Krasnodar Krai'),
  subject('RU-KYA', 'Красноярский край', 'Krasnoyarsk Krai'),
  subject('RU-PER', 'Пермский край', 'Perm Krai'),
  subject('RU-PRI', 'Приморский край', 'Primorsky Krai'),
  subject('RU-STA', 'Ставропольский край', 'Stavropol Krai'),
  subject('RU-KHA', 'Хабаровский край', 'Khabarovsk Krai'),

  // Oblasts (46)
  subject('RU-AMU', 'Амурская область', 'Amur Oblast'),
  subject('RU-ARK', 'Архангельская область', 'Arkhangelsk Oblast'),
  subject('RU-AST', 'Астраханская область', 'Astrakhan Oblast'),
  subject('RU-BEL', 'Белгородская область', 'Belgorod Oblast'),
  subject('RU-BRY', 'Брянская область', 'Bryansk Oblast'),
  subject('RU-VLA', 'Владимирская область', 'Vladimir Oblast'),
  subject('RU-VGG', 'Волгоградская область', 'Volgograd Oblast'),
  subject('RU-VLG', 'Вологодская область', 'Vologda Oblast'),
  subject('RU-VOR', 'Воронежская область', 'Voronezh Oblast'),
  subject('RU-IVA', 'Ивановская область', 'Ivanovo Oblast'),
  subject('RU-IRK', 'Иркутская область', 'Irkutsk Oblast'),
  subject('RU-KGD', 'Калининградская область', 'Kaliningrad Oblast'),
  subject('RU-KLU', 'Калужская область', 'Kaluga Oblast'),
  subject('RU-KEM', 'Кемеровская область — Кузбасс', 'Kemerovo Oblast (Kuzbass)'),
  subject('RU-KIR', 'Кировская область', 'Kirov Oblast'),
  subject('RU-KOS', 'Костромская область', 'Kostroma Oblast'),
  subject('RU-KGN', 'Курганская область', 'Kurgan Oblast'),
  subject('RU-KRS', 'Курская область', 'Kursk Oblast'),
  subject('RU-LEN', 'Ленинградская область', 'Leningrad Oblast'),
  subject('RU-LIP', 'Липецкая область', 'Lipetsk Oblast'),
  subject('RU-MAG', 'Магаданская область', 'Magadan Oblast'),
  subject('RU-MOS', 'Московская область', 'Moscow Oblast'),
  subject('RU-MUR', 'Мурманская область', 'Murmansk Oblast'),
  subject('RU-NIZ', 'Нижегородская область', 'Nizhny Novgorod Oblast'),
  subject('RU-NGR', 'Новгородская область', 'Novgorod Oblast'),
  subject('RU-NVS', 'Новосибирская область', 'Novosibirsk Oblast'),
  subject('RU-OMS', 'Омская область', 'Omsk Oblast'),
  subject('RU-ORE', 'Оренбургская область', 'Orenburg Oblast'),
  subject('RU-ORL', 'Орловская область', 'Oryol Oblast'),
  subject('RU-PNZ', 'Пензенская область', 'Penza Oblast'),
  subject('RU-PSK', 'Псковская область', 'Pskov Oblast'),
  subject('RU-ROS', 'Ростовская область', 'Rostov Oblast'),
  subject('RU-RYA', 'Рязанская область', 'Ryazan Oblast'),
  subject('RU-SAM', 'Самарская область', 'Samara Oblast'),
  subject('RU-SAR', 'Саратовская область', 'Saratov Oblast'),
  subject('RU-SAK', 'Сахалинская область', 'Sakhalin Oblast'),
  subject('RU-SVE', 'Свердловская область', 'Sverdlovsk Oblast'),
  subject('RU-SMO', 'Смоленская область', 'Smolensk Oblast'),
  subject('RU-TAM', 'Тамбовская область', 'Tambov Oblast'),
  subject('RU-TVE', 'Тверская область', 'Tver Oblast'),
  subject('RU-TOM', 'Томская область', 'Tomsk Oblast'),
  subject('RU-TUL', 'Тульская область', 'Tula Oblast'),
  subject('RU-TYU', 'Тюменская область', 'Tyumen Oblast'),
  subject('RU-ULY', 'Ульяновская область', 'Ulyanovsk Oblast'),
  subject('RU-CHE', 'Челябинская область', 'Chelyabinsk Oblast'),
  subject('RU-YAR', 'Ярославская область', 'Yaroslavl Oblast'),

  // Cities of federal significance (2)
  subject('RU-MOW', 'Москва', 'Moscow'),
  subject('RU-SPE', 'Санкт-Петербург', 'Saint Petersburg'),

  // Autonomous oblast (1) and autonomous okrugs (4)
  subject('RU-YEV', 'Еврейская автономная область', 'Jewish Autonomous Oblast'),
  subject('RU-NEN', 'Ненецкий автономный округ', 'Nenets Autonomous Okrug'),
  subject('RU-KHM', 'Ханты-Мансийский автономный округ — Югра', 'Khanty-Mansi Autonomous Okrug – Yugra'),
  subject('RU-CHU', 'Чукотский автономный округ', 'Chukotka Autonomous Okrug'),
  subject('RU-YAN', 'Ямало-Ненецкий автономный округ', 'Yamalo-Nenets Autonomous Okrug'),

  // Occupied Ukrainian territory (6)
  {
    code: 'UA-43',
    ru: 'Автономная Республика Крым',
    en: 'Autonomous Republic of Crimea',
    parent: 'UA',
    sort: 0,
    attributes: { aliases: ['Крым', 'Республика Крым', 'Crimea', 'Republic of Crimea'] },
  },
  {
    code: 'UA-40',
    ru: 'Севастополь',
    en: 'Sevastopol',
    parent: 'UA',
    sort: 0,
  },
  {
    code: 'UA-14',
    ru: 'Донецкая область',
    en: 'Donetsk Oblast',
    parent: 'UA',
    sort: 0,
    attributes: { aliases: ['ДНР', 'Донецкая Народная Республика', 'DPR', "Donetsk People's Republic"] },
  },
  {
    code: 'UA-09',
    ru: 'Луганская область',
    en: 'Luhansk Oblast',
    parent: 'UA',
    sort: 0,
    attributes: { aliases: ['ЛНР', 'Луганская Народная Республика', 'LPR', "Luhansk People's Republic", 'Lugansk'] },
  },
  {
    code: 'UA-23',
    ru: 'Запорожская область',
    en: 'Zaporizhzhia Oblast',
    parent: 'UA',
    sort: 0,
    attributes: { aliases: ['Zaporozhye'] },
  },
  {
    code: 'UA-65',
    ru: 'Херсонская область',
    en: 'Kherson Oblast',
    parent: 'UA',
    sort: 0,
  },
];
