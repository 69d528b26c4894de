import { INTAKE_FORM_LABELS } from '../shared/intake-form-labels.js';
import type { Lang } from './html.js';

const en = {
  ...INTAKE_FORM_LABELS.en,
  title: 'Ask for help',
  lead: 'Tell us what is happening. Everything you write is encrypted before it is stored. You do not need to give your real name.',
  otherLang: 'Русский',
  handleHint: 'Any name or nickname; it does not have to be your real name.',
  contactHint: 'For example a messenger username or an e-mail address that only you read.',
  regionRU: 'Russia',
  regionUA: 'Ukraine (occupied territory)',
  textHint: 'Up to 10,000 characters. Do not write anything you would not want to be read if your phone were taken.',
  notChosen: '— not chosen —',
  honeypot: 'Leave this field empty',
  submit: 'Send',
  errorsAbove: 'Please correct the fields marked below. What you typed has been kept.',
  required: 'This field is required.',
  tooLong: 'Too long: at most {max}. Shorten it by {over} and send it again.',
  characters: { one: 'character', other: 'characters' } as Partial<Record<Intl.LDMLPluralRule, string>>,
  invalid: 'This value is not valid.',
  thanksTitle: 'Thank you',
  receiptLead: 'Your request has been received. This is your receipt code:',
  receiptAdvice: [
    'Write the code down on paper now. It is shown only once, and we cannot show it again.',
    'It does not depend on your phone: commanders may take phones. With the code you can add to your request from any device.',
    'Do not share it with anyone you do not trust: whoever has the code can add messages to your request.',
  ],
  receivedAgain:
    'Your request has been received. Its receipt code was shown once, right after sending, and cannot be shown again.',
  followUpLink: 'Add to an earlier request with a receipt code',
  followUpTitle: 'Add to your request',
  followUpLead: 'Enter the receipt code you were given and your message.',
  receiptCode: 'Receipt code',
  message: 'Message',
  followUpDone: 'Your message has been added to your request.',
  followUpNotFound: 'No request matches this code. Check the code and try again.',
  backToForm: 'Back to the form',
  forbiddenTitle: 'The form has expired',
  forbidden: 'The form could not be checked. Open the form again and send it once more.',
  limitedTitle: 'Too many submissions',
  limited:
    'Too many requests have been sent from here recently. Please wait {minutes} min. and send again: what you typed is kept below.',
  followUpsLimited:
    'This request has had many messages recently. Please wait {minutes} min. and send again: your message is kept below.',
  wrongCodesLimited:
    'No request matches this code. Many wrong codes have been tried from your network: wait {minutes} minutes before trying another one. A correct code is always accepted.',
  tooLargeTitle: 'Too much text',
  tooLarge: 'What you sent is too large. Shorten the text and send it again.',
  failedTitle: 'Something went wrong',
  failed: 'The request could not be processed. Please try again later.',
};

export type PublicMessages = typeof en;

const ru: PublicMessages = {
  ...INTAKE_FORM_LABELS.ru,
  title: 'Обратиться за помощью',
  lead: 'Расскажите, что происходит. Всё, что вы напишете, шифруется до сохранения. Настоящее имя указывать не нужно.',
  otherLang: 'English',
  handleHint: 'Любое имя или псевдоним, не обязательно настоящее.',
  contactHint: 'Например, имя в мессенджере или адрес почты, который читаете только вы.',
  regionRU: 'Россия',
  regionUA: 'Украина (оккупированная территория)',
  textHint: 'До 10 000 знаков. Не пишите того, что не должно быть прочитано, если у вас отберут телефон.',
  notChosen: '— не выбрано —',
  honeypot: 'Оставьте это поле пустым',
  submit: 'Отправить',
  errorsAbove: 'Исправьте отмеченные ниже поля. Введённый текст сохранён.',
  required: 'Это поле обязательно.',
  tooLong: 'Слишком длинно: не больше {max}. Сократите на {over} и отправьте снова.',
  characters: { one: 'знак', few: 'знака', many: 'знаков', other: 'знака' },
  invalid: 'Недопустимое значение.',
  thanksTitle: 'Спасибо',
  receiptLead: 'Ваше обращение получено. Ваш код обращения:',
  receiptAdvice: [
    'Запишите код на бумаге прямо сейчас. Он показывается только один раз, и мы не сможем показать его снова.',
    'Код не зависит от телефона: командиры могут отобрать телефоны. С кодом можно дополнить обращение с любого устройства.',
    'Не сообщайте код тем, кому не доверяете: с ним можно добавлять сообщения к вашему обращению.',
  ],
  receivedAgain:
    'Ваше обращение получено. Код обращения был показан один раз, сразу после отправки, и снова показан быть не может.',
  followUpLink: 'Дополнить прежнее обращение по коду',
  followUpTitle: 'Дополнить обращение',
  followUpLead: 'Введите полученный код обращения и ваше сообщение.',
  receiptCode: 'Код обращения',
  message: 'Сообщение',
  followUpDone: 'Ваше сообщение добавлено к обращению.',
  followUpNotFound: 'Обращение с таким кодом не найдено. Проверьте код и попробуйте ещё раз.',
  backToForm: 'Вернуться к форме',
  forbiddenTitle: 'Форма устарела',
  forbidden: 'Не удалось проверить форму. Откройте форму заново и отправьте ещё раз.',
  limitedTitle: 'Слишком много обращений',
  limited:
    'Отсюда недавно отправлено слишком много обращений. Подождите {minutes} мин. и отправьте снова: введённый текст сохранён ниже.',
  followUpsLimited:
    'К этому обращению недавно добавлено много сообщений. Подождите {minutes} мин. и отправьте снова: ваше сообщение сохранено ниже.',
  wrongCodesLimited:
    'Обращение с таким кодом не найдено. Из вашей сети введено много неверных кодов: подождите {minutes} мин., прежде чем пробовать другой. Верный код принимается всегда.',
  tooLargeTitle: 'Слишком много текста',
  tooLarge: 'Отправленное слишком велико. Сократите текст и отправьте ещё раз.',
  failedTitle: 'Что-то пошло не так',
  failed: 'Не удалось обработать запрос. Попробуйте позже.',
};

export function messagesFor(lang: Lang): PublicMessages {
  return lang === 'en' ? en : ru;
}

/** "12 characters", "12 знаков": a count with its noun in the reader's language. */
export function characters(lang: Lang, count: number): string {
  const forms = messagesFor(lang).characters;
  const form = forms[new Intl.PluralRules(lang).select(count)] ?? forms.other ?? '';
  return `${count.toLocaleString(lang)} ${form}`;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
