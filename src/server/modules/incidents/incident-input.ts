import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ActInput, Dated, PerpetratorInput } from '../../../shared/incidents.schema.js';
import type { Database } from '../../db/schema.js';
import { existingPeople, type IncidentParts } from './incidents.queries.js';
import { TermCheck } from './term-check.js';

/** What an incident's form sends, apart from its text and links. */
export interface IncidentFacts {
  start: Dated | null;
  end: Dated | null;
  place: string | null;
  region: string | null;
  confidentiality: string;
  acts: ActInput[];
  perpetrators: PerpetratorInput[];
}

async function checkDated(check: TermCheck, dated: Dated | null, path: string): Promise<void> {
  await check.term('date_precision', dated?.precision, `${path}.precision`);
}

/** A period whose end comes before its start is refused (a date compares by what it was written as). */
function checkPeriod(check: TermCheck, start: Dated | null, end: Dated | null, path: string): void {
  if (start !== null && end !== null && end.date < start.date.slice(0, end.date.length)) {
    check.problem(`${path}end.date`, 'is before the start');
  }
}

/**
 * Checks every code of an incident against its vocabulary and every person
 * against the registry (locked until the transaction ends, so a purge cannot
 * take them away before the rows are written); one VALIDATION_FAILED names
 * every field at fault.
 */
export async function checkIncidentFacts(trx: Kysely<Database>, facts: IncidentFacts): Promise<void> {
  const check = new TermCheck(trx);
  await checkDated(check, facts.start, 'start');
  await checkDated(check, facts.end, 'end');
  checkPeriod(check, facts.start, facts.end, '');
  await check.term('place', facts.place, 'place');
  await check.term('region', facts.region, 'region');
  await check.term('confidentiality', facts.confidentiality, 'confidentiality');
  const people: { id: string; path: string }[] = [];
  for (const [index, act] of facts.acts.entries()) {
    const at = `acts.${String(index)}`;
    await check.term('act_type', act.actType, `${at}.actType`);
    await checkDated(check, act.start, `${at}.start`);
    await checkDated(check, act.end, `${at}.end`);
    checkPeriod(check, act.start, act.end, `${at}.`);
    await check.term('place', act.place, `${at}.place`);
    for (const [v, victim] of act.victims.entries()) {
      const vat = `${at}.victims.${String(v)}`;
      if (victim.personId !== undefined) people.push({ id: victim.personId, path: `${vat}.personId` });
      await check.term('force', victim.force, `${vat}.force`);
      await check.term('region', victim.region, `${vat}.region`);
      await check.term('service_category', victim.serviceCategory, `${vat}.serviceCategory`);
    }
  }
  for (const [index, perpetrator] of facts.perpetrators.entries()) {
    const at = `perpetrators.${String(index)}`;
    if (perpetrator.personId !== undefined) people.push({ id: perpetrator.personId, path: `${at}.personId` });
    await check.term('unit', perpetrator.unit, `${at}.unit`);
    await check.term('involvement', perpetrator.involvement, `${at}.involvement`);
  }
  const found = await existingPeople(trx, [...new Set(people.map((person) => person.id))]);
  for (const person of people) if (!found.has(person.id)) check.problem(person.path, 'names no such person');
  check.done();
}

const datedColumns = (prefix: 'start' | 'end', dated: Dated | null) =>
  prefix === 'start'
    ? { start_date: dated?.date ?? null, start_precision: dated?.precision ?? null }
    : { end_date: dated?.date ?? null, end_precision: dated?.precision ?? null };

/** The plain columns of an incident's facts. */
export function incidentColumns(facts: IncidentFacts) {
  return {
    ...datedColumns('start', facts.start),
    ...datedColumns('end', facts.end),
    place: facts.place,
    region: facts.region,
    confidentiality: facts.confidentiality,
  };
}

/** The rows of an incident's acts, victims and perpetrators, with new ids. */
export function incidentParts(incidentId: string, facts: IncidentFacts): IncidentParts {
  const parts: IncidentParts = { acts: [], victims: [], perpetrators: [] };
  for (const [position, act] of facts.acts.entries()) {
    const actId = crypto.randomUUID();
    parts.acts.push({
      id: actId,
      incident_id: incidentId,
      position,
      act_type: act.actType,
      criminal_article: act.criminalArticle,
      criminal_part: act.criminalPart,
      ...datedColumns('start', act.start),
      ...datedColumns('end', act.end),
      place: act.place,
    });
    for (const [victimPosition, victim] of act.victims.entries()) {
      parts.victims.push({
        id: crypto.randomUUID(),
        act_id: actId,
        incident_id: incidentId,
        position: victimPosition,
        person_id: victim.personId ?? null,
        group_count: victim.count ?? null,
        force: victim.force ?? null,
        region: victim.region ?? null,
        service_category: victim.serviceCategory ?? null,
      });
    }
  }
  for (const [position, perpetrator] of facts.perpetrators.entries()) {
    parts.perpetrators.push({
      id: crypto.randomUUID(),
      incident_id: incidentId,
      position,
      person_id: perpetrator.personId ?? null,
      unit: perpetrator.unit ?? null,
      involvement: perpetrator.involvement,
    });
  }
  return parts;
}
