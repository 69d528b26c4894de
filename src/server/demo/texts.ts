import type { Prng } from './prng.js';
import { shortName, type DemoName } from './names.js';

/**
 * The demo's free text: Russian mostly, English for about one case in seven
 * (volunteers abroad write in English). Every case title carries DEMO_TAG.
 */
export const DEMO_TAG = '[демо]';
export type Lang = 'ru' | 'en';

export function requestText(prng: Prng, lang: Lang, man: DemoName, men: number, where: string): string {
  const who = shortName(man);
  if (lang === 'en') {
    return men > 1
      ? `I am writing for ${String(men)} men of our unit, ${who} among them. They are ${where} and want to leave service lawfully. Their phones may be taken; please write to this contact only.`
      : `My husband ${who} is ${where}. He has filed a report asking to be dismissed and got no answer. What can we do?`;
  }
  const group = [
    `Пишу за ${String(men)} человек из нашей части, среди них ${who}. Сейчас ${where}. Хотим уволиться законно, подскажите порядок.`,
    `Нас ${String(men)} мобилизованных, старший — ${who}. Находимся ${where}, рапорты не принимают. Телефоны могут забрать, пишите только сюда.`,
    `Группа ${String(men)} человек (контрактники и мобилизованные). ${who} на связи за всех. Мы ${where}, командование угрожает.`,
  ];
  const single = [
    `Мой муж ${who} ${where}. Написал рапорт об увольнении, ответа нет уже месяц. Что делать?`,
    `Сын ${who} ${where}, после ранения его не направили на ВВК. Помогите с документами.`,
    `Я ${who}, контракт закончился, но не увольняют из-за указа о мобилизации. Нужна консультация юриста.`,
  ];
  return prng.pick(men > 1 ? group : single);
}

export const WHERE: Record<string, { ru: string; en: string }> = {
  home: { ru: 'дома, в отпуске после госпиталя', en: 'at home on leave after hospital' },
  unit: { ru: 'в пункте временной дислокации', en: 'at the unit base' },
  war_zone: { ru: 'в зоне боевых действий', en: 'in the war zone' },
  detention: { ru: 'удерживаются в подвале комендатуры', en: "held in a commandant's office basement" },
  hospital: { ru: 'в госпитале', en: 'in hospital' },
};

export function caseTitle(lang: Lang, man: DemoName, men: number, topic: string): string {
  const who = shortName(man);
  if (lang === 'en') return `${DEMO_TAG} ${who}${men > 1 ? ` and ${String(men - 1)} others` : ''}: ${topic}`;
  return `${DEMO_TAG} ${who}${men > 1 ? ` и ещё ${String(men - 1)}` : ''}: ${topic}`;
}

export const TOPICS: Record<string, { ru: string; en: string }> = {
  contract_termination: { ru: 'расторжение контракта', en: 'ending the contract' },
  health_dismissal: { ru: 'увольнение по здоровью (ВВК)', en: 'dismissal on health grounds' },
  age_limit_dismissal: { ru: 'увольнение по возрасту', en: 'dismissal at the age limit' },
  detention_missing: { ru: 'удержание в лагере', en: 'held in a camp' },
  disciplinary_dismissal_challenge: { ru: 'обжалование увольнения за отказ', en: 'challenging a dismissal' },
  family_petition: { ru: 'обращение семьи', en: 'family petition' },
};

/** A task for each stage: what work at that stage looks like. */
export const STAGE_TASKS: Record<string, { ru: string; en: string }> = {
  intake: { ru: 'Перезвонить заявителю и уточнить состав группы', en: 'Call back and confirm who is in the group' },
  safety_triage: { ru: 'Проверить, безопасен ли канал связи', en: 'Check the contact channel is safe' },
  verification: { ru: 'Подтвердить номер части и дату контракта', en: 'Confirm the unit number and contract date' },
  assessment: { ru: 'Правовая оценка: основания увольнения', en: 'Legal assessment: grounds for dismissal' },
  route_chosen: { ru: 'Согласовать путь с семьёй', en: 'Agree the route with the family' },
  documents_drafted: { ru: 'Подготовить рапорт командиру и запрос на ВВК', en: 'Draft the report and the VVK request' },
  filed: { ru: 'Отправить документы заказным письмом с описью', en: 'Send the documents by registered mail' },
  awaiting_response: { ru: 'Проверить ответ: 30 дней на обращение', en: 'Check for the answer (30 days)' },
  prosecutor_complaint: { ru: 'Жалоба военному прокурору', en: 'Complaint to the military prosecutor' },
  court_first_instance: { ru: 'Иск в гарнизонный военный суд', en: 'Claim to the garrison military court' },
  appeal: { ru: 'Апелляционная жалоба: месяц со дня решения', en: 'Appeal within one month of the decision' },
  cassation: { ru: 'Кассационная жалоба', en: 'Cassation complaint' },
  resolved: { ru: 'Проверить документы об увольнении', en: 'Check the dismissal papers' },
  follow_up: { ru: 'Созвониться через две недели после возвращения', en: 'Call two weeks after the return home' },
};

const NOTES_RU = [
  'Связались с женой, контакт подтверждён. Говорить можно после 20:00.',
  'Командир отказался регистрировать рапорт. Зафиксировали дату и свидетелей.',
  'Получена копия контракта, срок истёк. Указ о мобилизации продлевает его — готовим другой путь.',
  'Назначено прохождение ВВК, ждём заключение.',
  'Группа на связи через одного человека, остальные без телефонов.',
  'Ответ из части не пришёл в срок, готовим жалобу прокурору.',
];
const NOTES_EN = [
  'Spoke with his wife; the contact is confirmed. Safe to call after 8 pm.',
  'The commander refused to register the report. Date and witnesses noted.',
  'The medical commission is scheduled; waiting for its conclusion.',
];

export function note(prng: Prng, lang: Lang): string {
  return prng.pick(lang === 'en' ? NOTES_EN : NOTES_RU);
}

export function homeNote(lang: Lang, region: string): string {
  const city = region === 'RU-BU' ? { ru: 'Улан-Удэ', en: 'Ulan-Ude' } : { ru: 'свой регион', en: 'his home region' };
  return lang === 'en'
    ? `Arrived home in ${city.en}. Documents checked.`
    : `Прибыл домой, в ${city.ru}. Документы проверены.`;
}
