// What the incident pages' web tests fake: an incident and the vocabularies it
// reads, built through the server's own schemas.
import {
  incidentListSchema,
  incidentSchema,
  type Incident,
  type IncidentList,
} from '../../../shared/incidents.schema.js';
import type { Term, Vocabulary } from '../../../shared/vocabularies.js';
import { term } from '../../testing/fixtures.js';

export const INCIDENT = '7d2f1c3a-5b4e-4f6a-8c9d-0e1f2a3b4c5d';
export const PERSON = '3c9e7a1b-2d4f-4a6b-8c0d-1e2f3a4b5c6d';
export const CASE_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

const luhansk = term('place', 'UA-09-place', 'Луганская область', 'Luhansk region');
export const TERMS: Partial<Record<Vocabulary, Term[]>> = {
  place: [luhansk, term('place', 'perevalsk', 'Лагерь в Перевальске', 'Perevalsk camp', { parentId: luhansk.id })],
  act_type: [
    term('act_type', 'detention_without_trial', 'Удержание без суда', 'Detention without trial'),
    term('act_type', 'criminal_charge', 'Уголовное преследование', 'Criminal charge'),
  ],
  confidentiality: [
    term('confidentiality', 'internal', 'Только для сотрудников', 'Staff only'),
    term('confidentiality', 'public', 'Можно публиковать', 'May be published'),
  ],
  date_precision: [
    term('date_precision', 'day', 'Точная дата', 'Exact day'),
    term('date_precision', 'month', 'С точностью до месяца', 'Month'),
    term('date_precision', 'year', 'С точностью до года', 'Year'),
    term('date_precision', 'estimate', 'Приблизительно', 'Estimate'),
  ],
  force: [term('force', 'national_guard', 'Росгвардия', 'National Guard')],
  region: [term('region', 'RU-BU', 'Республика Бурятия', 'Republic of Buryatia')],
  service_category: [term('service_category', 'contract', 'Контрактники', 'Contract soldiers')],
  unit: [term('unit', 'vch_6720', 'Войсковая часть 6720', 'Military unit 6720')],
  involvement: [term('involvement', 'carried_out', 'Совершил', 'Carried out')],
  reliability: [term('reliability', 'usually_reliable', 'Обычно надёжный', 'Usually reliable')],
  source_kind: [term('source_kind', 'media_report', 'Публикация в СМИ', 'Media report')],
  knowledge_basis: [term('knowledge_basis', 'witness', 'Очевидец', 'Eyewitness')],
};

/** An incident of the reported pattern: a group held in the Perevalsk camp, known to the month. */
export function incident(overrides: Partial<Incident> = {}): Incident {
  return incidentSchema.parse({
    id: INCIDENT,
    title: 'Held at Perevalsk',
    description: 'Brought back from leave and held in the camp.',
    start: { date: '2026-03', precision: 'month' },
    end: null,
    place: 'perevalsk',
    region: null,
    confidentiality: 'internal',
    version: 3,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    acts: [
      {
        id: 'a1',
        actType: 'detention_without_trial',
        criminalArticle: null,
        criminalPart: null,
        start: { date: '2025', precision: 'estimate' },
        end: null,
        place: 'perevalsk',
        victims: [
          { id: 'v1', personId: null, count: 15, force: 'national_guard', region: 'RU-BU', serviceCategory: null },
          { id: 'v2', personId: PERSON, count: null, force: null, region: null, serviceCategory: null },
        ],
      },
    ],
    perpetrators: [{ id: 'p1', personId: null, unit: 'vch_6720', involvement: 'carried_out' }],
    caseIds: [],
    leadsTo: [],
    ledFrom: [],
    sources: [
      {
        id: 's1',
        kind: 'media_report',
        reliability: 'usually_reliable',
        title: 'Soldiers held in a camp',
        outlet: 'Verstka',
        publishedDate: '2026-03-10',
      },
    ],
    ...overrides,
  });
}

export function list(rows: Incident[] = [incident()], next: string | null = null): IncidentList {
  return incidentListSchema.parse({
    incidents: rows.map((row) => ({
      id: row.id,
      title: row.title,
      start: row.start,
      end: row.end,
      place: row.place,
      region: row.region,
      confidentiality: row.confidentiality,
      actTypes: row.acts.map((act) => act.actType),
      createdAt: row.createdAt,
    })),
    next,
  });
}
