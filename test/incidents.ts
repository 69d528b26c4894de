import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { unique } from './seed.js';

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/**
 * A valid incident of the reported pattern: a group of 15 National Guard
 * servicemen held in the Perevalsk camp (Luhansk region), threatened with
 * prosecution, then charged under art. 337 part 5; `over` replaces fields.
 */
export function incidentBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: unique('Held at Perevalsk '),
    description: 'Brought back from leave and held in the camp; phones taken.',
    start: { date: '2022-10', precision: 'month' },
    end: null,
    place: 'perevalsk',
    region: 'UA-09',
    confidentiality: 'internal',
    acts: [
      {
        actType: 'detention_without_trial',
        start: { date: '2022-10-05', precision: 'day' },
        place: 'perevalsk',
        victims: [
          { count: 15, force: 'national_guard', region: 'RU-BU', serviceCategory: 'national_guard_serviceman' },
        ],
      },
      { actType: 'threat_of_prosecution', victims: [{ count: 15, force: 'national_guard' }] },
    ],
    perpetrators: [],
    ...over,
  };
}

/** Records an incident as `call` (a coordinator); its id, or a thrown error naming the answer. */
export async function recordIncident(call: Call, over: Record<string, unknown> = {}): Promise<string> {
  const response = await call({ method: 'POST', url: '/api/incidents', payload: incidentBody(over) });
  if (response.statusCode !== 201) {
    throw new Error(`seed: record an incident answered ${String(response.statusCode)}: ${response.body.slice(0, 300)}`);
  }
  return response.json<{ id: string }>().id;
}

/** A military unit term (coordinators keep them in the `unit` vocabulary); its code. */
export async function recordUnit(call: Call, number = String(10_000 + Math.floor(Math.random() * 89_999))) {
  const code = unique('vch_');
  const response = await call({
    method: 'POST',
    url: '/api/vocabularies/unit/terms',
    payload: {
      code,
      labelRu: `Войсковая часть ${number}`,
      labelEn: `Military unit ${number}`,
      attributes: { number, branch: 'national_guard', aliases: [`в/ч ${number}`] },
    },
  });
  if (response.statusCode !== 201)
    throw new Error(`seed: unit answered ${String(response.statusCode)}: ${response.body}`);
  return code;
}

/** A valid media report about `incidentIds`; `over` replaces fields. */
export function sourceBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'media_report',
    reliability: 'usually_reliable',
    outlet: 'Example outlet',
    url: 'https://news.example/perevalsk',
    title: unique('Men held at Perevalsk '),
    publishedDate: '2022-10-20',
    language: 'ru',
    ...over,
  };
}

/** Records a source as `call` (a coordinator); its id. */
export async function recordSource(call: Call, over: Record<string, unknown> = {}): Promise<string> {
  const response = await call({ method: 'POST', url: '/api/sources', payload: sourceBody(over) });
  if (response.statusCode !== 201) {
    throw new Error(`seed: record a source answered ${String(response.statusCode)}: ${response.body.slice(0, 300)}`);
  }
  return response.json<{ id: string }>().id;
}
