import type { ProposedTask } from '../../../../shared/task-deadlines.js';
import type { SeedTerm } from './types.js';

/** Case types; criminal defence is a parent of the articles most used against refusers. */
export const CASE_TYPES: readonly SeedTerm[] = [
  { code: 'contract_termination', ru: 'Расторжение контракта', en: 'Contract termination' },
  {
    code: 'health_dismissal',
    ru: 'Увольнение по состоянию здоровья (ВВК)',
    en: 'Dismissal on health grounds (military medical commission)',
  },
  { code: 'age_limit_dismissal', ru: 'Увольнение по возрасту', en: 'Dismissal on reaching the age limit' },
  {
    code: 'disciplinary_dismissal_challenge',
    ru: 'Обжалование увольнения в дисциплинарном порядке',
    en: 'Challenge of a disciplinary dismissal',
  },
  {
    code: 'mobilization_notice_challenge',
    ru: 'Обжалование мобилизации (повестки)',
    en: 'Challenge of a mobilization notice',
  },
  {
    code: 'detention_missing',
    ru: 'Незаконное удержание или пропавший военнослужащий',
    en: 'Detention or missing serviceman',
  },
  { code: 'criminal_defence', ru: 'Защита по уголовному делу', en: 'Criminal defence' },
  {
    code: 'criminal_332',
    ru: 'Ст. 332 УК РФ (неисполнение приказа)',
    en: 'Criminal Code art. 332 (failure to obey an order)',
    parent: 'criminal_defence',
  },
  {
    code: 'criminal_337',
    ru: 'Ст. 337 УК РФ (самовольное оставление части)',
    en: 'Criminal Code art. 337 (absence without leave)',
    parent: 'criminal_defence',
  },
  {
    code: 'criminal_338',
    ru: 'Ст. 338 УК РФ (дезертирство)',
    en: 'Criminal Code art. 338 (desertion)',
    parent: 'criminal_defence',
  },
  {
    code: 'criminal_other',
    ru: 'Другая статья УК РФ',
    en: 'Other Criminal Code article',
    parent: 'criminal_defence',
  },
  { code: 'family_petition', ru: 'Обращение семьи', en: 'Family petition' },
  { code: 'benefits', ru: 'Выплаты и льготы', en: 'Benefits' },
  { code: 'documentation_only', ru: 'Только документирование', en: 'Documentation only' },
];

/** Stages of a case, in their usual order; the order also drives the default transitions below. */
export const STAGES: readonly SeedTerm[] = [
  { code: 'intake', ru: 'Приём обращения', en: 'Intake' },
  { code: 'safety_triage', ru: 'Оценка безопасности', en: 'Safety triage' },
  { code: 'verification', ru: 'Проверка', en: 'Verification' },
  { code: 'assessment', ru: 'Правовая оценка', en: 'Assessment' },
  { code: 'route_chosen', ru: 'Путь выбран', en: 'Route chosen' },
  { code: 'documents_drafted', ru: 'Документы подготовлены', en: 'Documents drafted' },
  { code: 'filed', ru: 'Документы поданы', en: 'Filed' },
  { code: 'awaiting_response', ru: 'Ожидание ответа', en: 'Awaiting response' },
  { code: 'prosecutor_complaint', ru: 'Жалоба военному прокурору', en: 'Complaint to the military prosecutor' },
  { code: 'court_first_instance', ru: 'Суд первой инстанции', en: 'Court, first instance' },
  { code: 'appeal', ru: 'Апелляция', en: 'Appeal' },
  { code: 'cassation', ru: 'Кассация', en: 'Cassation' },
  { code: 'resolved', ru: 'Решено', en: 'Resolved' },
  { code: 'follow_up', ru: 'Сопровождение после решения', en: 'Follow-up' },
  { code: 'closed', ru: 'Закрыто', en: 'Closed', attributes: { closes: true } },
];

/**
 * The default stage graph: forward to any later stage, back one step, to
 * `closed` from anywhere, and from `closed` back to `follow_up` to reopen.
 */
export function defaultStageTransitions(stages: readonly SeedTerm[]): [from: string, to: string][] {
  const open = stages.filter((s) => s.code !== 'closed').map((s) => s.code);
  const pairs: [string, string][] = [];
  open.forEach((from, i) => {
    for (const to of open.slice(i + 1)) pairs.push([from, to]);
    const back = open[i - 1];
    if (back !== undefined) pairs.push([from, back]);
    pairs.push([from, 'closed']);
  });
  pairs.push(['closed', 'follow_up']);
  return pairs;
}

const closes = (value: boolean) => ({ closes: value });

/** Outcomes; `closes` says whether recording one normally ends the case. */
export const OUTCOMES: readonly SeedTerm[] = [
  { code: 'dismissed', ru: 'Уволен с военной службы', en: 'Dismissed from service', attributes: closes(true) },
  {
    code: 'dismissed_age',
    ru: 'Уволен по возрасту',
    en: 'Dismissed: age limit',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'dismissed_health',
    ru: 'Уволен по состоянию здоровья',
    en: 'Dismissed: health',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'dismissed_sentence',
    ru: 'Уволен в связи с приговором',
    en: 'Dismissed: prison sentence',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'dismissed_contract_expired',
    ru: 'Уволен по истечении срока контракта',
    en: 'Dismissed: contract expired',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'dismissed_valid_reasons',
    ru: 'Уволен досрочно по уважительным причинам',
    en: 'Dismissed early for valid reasons',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'dismissed_disciplinary',
    ru: 'Уволен в дисциплинарном порядке',
    en: 'Dismissed: disciplinary',
    parent: 'dismissed',
    attributes: closes(true),
  },
  {
    code: 'returned_home_not_dismissed',
    ru: 'Вернулся домой без увольнения',
    en: 'Returned home without dismissal',
    attributes: closes(false),
  },
  { code: 'dismissal_denied', ru: 'В увольнении отказано', en: 'Dismissal denied', attributes: closes(false) },
  { code: 'court', ru: 'Решение суда по иску', en: 'Court decision on a claim', attributes: closes(false) },
  {
    code: 'court_claim_granted',
    ru: 'Иск удовлетворён',
    en: 'Claim granted',
    parent: 'court',
    attributes: closes(false),
  },
  {
    code: 'court_claim_rejected',
    ru: 'В иске отказано',
    en: 'Claim rejected',
    parent: 'court',
    attributes: closes(false),
  },
  {
    code: 'court_claim_withdrawn',
    ru: 'Иск отозван',
    en: 'Claim withdrawn',
    parent: 'court',
    attributes: closes(false),
  },
  {
    code: 'released_from_detention',
    ru: 'Освобождён из-под удержания',
    en: 'Released from detention',
    attributes: closes(false),
  },
  { code: 'returned_to_front', ru: 'Возвращён на фронт', en: 'Returned to the front', attributes: closes(false) },
  { code: 'criminal', ru: 'Итог уголовного дела', en: 'Criminal case result', attributes: closes(true) },
  {
    code: 'criminal_suspended_sentence',
    ru: 'Условный срок',
    en: 'Suspended sentence',
    parent: 'criminal',
    attributes: closes(true),
  },
  {
    code: 'criminal_real_sentence',
    ru: 'Реальный срок',
    en: 'Prison sentence',
    parent: 'criminal',
    attributes: closes(true),
  },
  { code: 'criminal_acquitted', ru: 'Оправдан', en: 'Acquitted', parent: 'criminal', attributes: closes(true) },
  {
    code: 'criminal_dropped',
    ru: 'Дело прекращено',
    en: 'Case dropped',
    parent: 'criminal',
    attributes: closes(true),
  },
  { code: 'missing', ru: 'Пропал без вести', en: 'Missing', attributes: closes(false) },
  { code: 'dead', ru: 'Погиб или умер', en: 'Dead', attributes: closes(true) },
  { code: 'lost_contact', ru: 'Связь потеряна', en: 'Lost contact', attributes: closes(true) },
  {
    code: 'referred_elsewhere',
    ru: 'Передано другой организации',
    en: 'Referred elsewhere',
    attributes: closes(true),
  },
];

/**
 * Deadlines from the law that a stage (on entering it) or an outcome (on
 * recording it) proposes as a task. EXAMPLES, marked so: the organization's
 * lawyer checks each period against the current law and edits them as
 * vocabulary data. The periods: an official answer to a citizen's appeal in
 * 30 days (Federal Law 59-FZ, art. 12, and the prosecutor's office's
 * instruction on appeals); an appeal against a court decision on a claim in
 * one month (Code of Civil Procedure art. 321, Code of Administrative
 * Procedure art. 298); an appeal against a sentence in 15 days (Code of
 * Criminal Procedure art. 389.4); a court challenge of an official's refusal
 * in three months (Code of Administrative Procedure art. 219).
 */
export const PROPOSED_TASKS: Readonly<Record<'stage' | 'outcome', Readonly<Record<string, ProposedTask[]>>>> = {
  stage: {
    awaiting_response: [
      {
        titleRu: 'Проверить, пришёл ли официальный ответ (срок ответа — 30 дней)',
        titleEn: 'Check that the official answer has come (it is due within 30 days)',
        dueInDays: 30,
        example: true,
      },
    ],
    prosecutor_complaint: [
      {
        titleRu: 'Проверить ответ военной прокуратуры на жалобу (30 дней)',
        titleEn: "Check the military prosecutor's answer to the complaint (30 days)",
        dueInDays: 30,
        example: true,
      },
    ],
  },
  outcome: {
    court_claim_rejected: [
      {
        titleRu: 'Подать апелляционную жалобу на решение гарнизонного военного суда (1 месяц)',
        titleEn: "File an appeal against the garrison military court's decision (1 month)",
        dueInMonths: 1,
        example: true,
      },
    ],
    dismissal_denied: [
      {
        titleRu: 'Обжаловать отказ в увольнении в суде (3 месяца)',
        titleEn: 'Challenge the refusal of dismissal in court (3 months)',
        dueInMonths: 3,
        example: true,
      },
    ],
    criminal_real_sentence: [
      {
        titleRu: 'Подать апелляционную жалобу на приговор (15 суток)',
        titleEn: 'File an appeal against the sentence (15 days)',
        dueInDays: 15,
        example: true,
      },
    ],
  },
};

/** Terms with the tasks `proposals` names for them added to their attributes. */
export function withProposedTasks(
  terms: readonly SeedTerm[],
  proposals: Readonly<Record<string, ProposedTask[]>>,
): SeedTerm[] {
  return terms.map((term) => {
    const proposedTasks = proposals[term.code];
    return proposedTasks === undefined ? term : { ...term, attributes: { ...term.attributes, proposedTasks } };
  });
}
