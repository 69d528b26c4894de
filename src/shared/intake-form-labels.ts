import type { Urgency } from './intake.schema.js';

/**
 * The public form's labels of a request's fields, in both languages: the
 * public form shows them, and the staff app's request page names the same
 * fields with the same words, so a coordinator reads what the requester
 * answered to.
 */
export interface IntakeFormLabels {
  handle: string;
  contact: string;
  requesterRole: string;
  groupSize: string;
  region: string;
  serviceCategory: string;
  force: string;
  locationType: string;
  urgency: string;
  urgencyValues: Record<Urgency, string>;
  text: string;
  consentDocumentation: string;
  consentStatistics: string;
}

export const INTAKE_FORM_LABELS = {
  en: {
    handle: 'What should we call you?',
    contact: 'How can we reach you safely?',
    requesterRole: 'Who are you?',
    groupSize: 'How many people does this concern?',
    region: 'Region',
    serviceCategory: 'Service category',
    force: 'Force',
    locationType: 'Where is the serviceman now?',
    urgency: 'How urgent is it?',
    urgencyValues: { low: 'Not urgent', normal: 'Normal', high: 'Urgent', critical: 'Danger to life or freedom now' },
    text: 'What is happening?',
    consentDocumentation: 'I agree that what I report may be documented as evidence of abuses.',
    consentStatistics: 'I agree that my request may be counted in anonymous public statistics.',
  },
  ru: {
    handle: 'Как к вам обращаться?',
    contact: 'Как безопасно с вами связаться?',
    requesterRole: 'Кто вы?',
    groupSize: 'Скольких человек это касается?',
    region: 'Регион',
    serviceCategory: 'Категория службы',
    force: 'Ведомство',
    locationType: 'Где сейчас военнослужащий?',
    urgency: 'Насколько это срочно?',
    urgencyValues: {
      low: 'Не срочно',
      normal: 'Обычно',
      high: 'Срочно',
      critical: 'Угроза жизни или свободе прямо сейчас',
    },
    text: 'Что происходит?',
    consentDocumentation: 'Я согласен(на), чтобы мои сведения были задокументированы как свидетельство нарушений.',
    consentStatistics: 'Я согласен(на), чтобы моё обращение учитывалось в обезличенной публичной статистике.',
  },
} satisfies Record<'en' | 'ru', IntakeFormLabels>;
