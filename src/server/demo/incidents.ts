import { createIncidentBody } from '../../shared/incidents.schema.js';
import { sourceBody } from '../../shared/sources.schema.js';
import { createIncident } from '../modules/incidents/incidents.service.js';
import { createSource } from '../modules/sources/sources.service.js';
import { isoDay, type DemoContext } from './context.js';
import type { CaseState } from './cases.js';
import type { Storyline } from './schedule.js';
import { DEMO_TAG } from './texts.js';

/** Fictional outlet: the demo's media reports name no real newspaper. */
const OUTLET = 'Демо-вестник (вымышленное издание)';
const month = (at: Date) => ({ date: at.toISOString().slice(0, 7), precision: 'month' });

/** The group held in a camp in Luhansk region and threatened with court: the incident and a media report. */
export function luhanskIncident(ctx: DemoContext, line: Storyline, state: CaseState, men: number): void {
  const { deps, staff } = ctx;
  let incidentId = '';
  const victims = [{ count: men, region: 'RU-BU', serviceCategory: 'mobilized', force: 'defence_ministry' }];
  line.after(1, async () => {
    const input = createIncidentBody.parse({
      title: `${DEMO_TAG} Группа из Бурятии удерживается в Перевальске`,
      description:
        'Военнослужащих, отказавшихся возвращаться на передовую, вывезли в Луганскую область и держат в «центре восстановления боеспособности». Прокурор угрожает уголовным делом: «фронт или десять лет».',
      start: month(deps.clock()),
      place: 'perevalsk',
      region: 'UA-09',
      confidentiality: 'internal',
      acts: [
        { actType: 'detention_without_trial', place: 'perevalsk', victims },
        { actType: 'threat_of_prosecution', victims },
        { actType: 'criminal_charge', criminalArticle: '332', criminalPart: '2.1', victims },
      ],
      perpetrators: [{ unit: ctx.unitCode, involvement: 'carried_out' }],
      caseIds: [state.caseId],
    });
    incidentId = (await createIncident(deps, staff.coordinator, input)).id;
  });
  line.after(3, async () => {
    const source = sourceBody.parse({
      kind: 'media_report',
      reliability: 'usually_reliable',
      outlet: OUTLET,
      url: 'https://example.org/demo/perevalsk',
      title: 'Мобилизованных из Бурятии держат в лагере под Перевальском',
      publishedDate: isoDay(deps.clock()),
      language: 'ru',
      incidentIds: [incidentId],
      caseIds: [state.caseId],
    });
    await createSource(deps, staff.coordinator, source);
  });
}

/** The National Guard men of Kabardino-Balkaria dismissed for refusing orders: one incident, a report, the claim. */
export function guardIncident(ctx: DemoContext, line: Storyline, cases: readonly CaseState[], men: number): void {
  const { deps, staff } = ctx;
  let incidentId = '';
  const caseIds = () => cases.slice(0, 20).map((c) => c.caseId);
  line.after(0.5, async () => {
    const input = createIncidentBody.parse({
      title: `${DEMO_TAG} Увольнение бойцов Росгвардии из Кабардино-Балкарии за отказ`,
      description:
        'Военнослужащих Росгвардии уволили «за невыполнение условий контракта» после отказа выполнять приказ за пределами России. Они обжалуют увольнение в Нальчикском гарнизонном военном суде.',
      start: month(deps.clock()),
      region: 'RU-KB',
      confidentiality: 'public',
      acts: [
        {
          actType: 'disciplinary_dismissal',
          victims: [
            { count: men, region: 'RU-KB', serviceCategory: 'national_guard_serviceman', force: 'national_guard' },
          ],
        },
      ],
      perpetrators: [{ unit: ctx.unitCode, involvement: 'ordered' }],
      caseIds: caseIds(),
    });
    incidentId = (await createIncident(deps, staff.coordinator, input)).id;
  });
  line.after(2, async () => {
    await createSource(
      deps,
      staff.coordinator,
      sourceBody.parse({
        kind: 'media_report',
        reliability: 'fairly_reliable',
        outlet: OUTLET,
        url: 'https://example.org/demo/nalchik',
        title: 'Уволенные росгвардейцы подали иски в гарнизонный суд',
        publishedDate: isoDay(deps.clock()),
        language: 'ru',
        incidentIds: [incidentId],
        caseIds: caseIds(),
      }),
    );
    await createSource(
      deps,
      staff.coordinator,
      sourceBody.parse({
        kind: 'document',
        reliability: 'completely_reliable',
        description: 'Административное исковое заявление в Нальчикский гарнизонный военный суд (копия, демо).',
        incidentIds: [incidentId],
        caseIds: caseIds(),
      }),
    );
  });
}

/** A report to the commander refused: the man of the case is the victim, the demo unit the perpetrator. */
export function reportRefused(ctx: DemoContext, line: Storyline, state: CaseState): void {
  const { deps, staff } = ctx;
  line.after(0.5, async () => {
    const personId = state.personIds[0];
    const input = createIncidentBody.parse({
      title: `${DEMO_TAG} Рапорт об увольнении не принят`,
      description: 'Командир отказался регистрировать рапорт и забрал телефон.',
      start: { date: isoDay(deps.clock()), precision: 'day' },
      confidentiality: 'restricted',
      acts: [{ actType: 'report_refused', victims: personId === undefined ? [{ count: 1 }] : [{ personId }] }],
      perpetrators: [{ unit: ctx.unitCode, involvement: 'carried_out' }],
      caseIds: [state.caseId],
    });
    await createIncident(deps, staff.coordinator, input);
  });
}
