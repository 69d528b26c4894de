// The incident form's values and how they become the body the server takes:
// every optional choice is '' in the form and null (or absent) in the body;
// a victim or perpetrator is a person or a group/unit by a switch.
import { z } from 'zod';
import {
  createIncidentBody,
  updateIncidentBody,
  type CreateIncidentInput,
  type UpdateIncidentInput,
} from '../../../shared/incidents.schema.js';
import type { Dated, Incident } from '../../api/incidents.js';

const datedValues = z.object({ date: z.string(), precision: z.string() });
const victimValues = z.object({
  kind: z.enum(['group', 'person']),
  personId: z.string().nullable(),
  count: z.number().or(z.nan()),
  force: z.string(),
  region: z.string(),
  serviceCategory: z.string(),
});
const actValues = z.object({
  actType: z.string(),
  criminalArticle: z.string(),
  criminalPart: z.string(),
  start: datedValues,
  end: datedValues,
  place: z.string(),
  victims: z.array(victimValues),
});
const perpetratorValues = z.object({
  kind: z.enum(['unit', 'person']),
  personId: z.string().nullable(),
  unit: z.string(),
  involvement: z.string(),
});
const formValues = z.object({
  title: z.string(),
  description: z.string(),
  start: datedValues,
  end: datedValues,
  place: z.string(),
  region: z.string(),
  confidentiality: z.string(),
  acts: z.array(actValues),
  perpetrators: z.array(perpetratorValues),
  caseIds: z.array(z.string()),
  version: z.number(),
});
export type IncidentFormValues = z.infer<typeof formValues>;
export type VictimValues = z.infer<typeof victimValues>;
export type PerpetratorValues = z.infer<typeof perpetratorValues>;
export type ActValues = z.infer<typeof actValues>;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const datedOf = (dated: { date: string; precision: string }) =>
  dated.date.trim() === '' ? null : { date: dated.date.trim(), precision: dated.precision };

export const emptyDated = (): { date: string; precision: string } => ({ date: '', precision: 'day' });
export const emptyVictim = (): VictimValues => ({
  kind: 'group',
  personId: null,
  count: 1,
  force: '',
  region: '',
  serviceCategory: '',
});
export const emptyAct = (): ActValues => ({
  actType: '',
  criminalArticle: '',
  criminalPart: '',
  start: emptyDated(),
  end: emptyDated(),
  place: '',
  victims: [emptyVictim()],
});
export const emptyPerpetrator = (): PerpetratorValues => ({ kind: 'unit', personId: null, unit: '', involvement: '' });

/** The values a body is sent from: the server's fields, with '' for every choice left empty. */
function bodyOf(values: IncidentFormValues) {
  return {
    title: values.title,
    description: orNull(values.description),
    start: datedOf(values.start),
    end: datedOf(values.end),
    place: orNull(values.place),
    region: orNull(values.region),
    confidentiality: values.confidentiality,
    acts: values.acts.map((act) => ({
      actType: act.actType,
      criminalArticle: orNull(act.criminalArticle),
      criminalPart: orNull(act.criminalPart),
      start: datedOf(act.start),
      end: datedOf(act.end),
      place: orNull(act.place),
      victims: act.victims.map((victim) =>
        victim.kind === 'person'
          ? { personId: victim.personId ?? undefined }
          : {
              count: Number.isNaN(victim.count) ? undefined : victim.count,
              force: orNull(victim.force),
              region: orNull(victim.region),
              serviceCategory: orNull(victim.serviceCategory),
            },
      ),
    })),
    perpetrators: values.perpetrators.map((p) => ({
      ...(p.kind === 'person' ? { personId: p.personId ?? undefined } : { unit: orNull(p.unit) ?? undefined }),
      involvement: p.involvement,
    })),
  };
}

/** The form's schema for a new incident: its values, turned into the body, checked by the server's own schema. */
export const createForm = formValues
  .transform((values): z.input<typeof createIncidentBody> => ({ ...bodyOf(values), caseIds: values.caseIds }))
  .pipe(createIncidentBody) satisfies z.ZodType<CreateIncidentInput, IncidentFormValues>;

/** The same for an edit, made from `version`. */
export const updateForm = formValues
  .transform((values): z.input<typeof updateIncidentBody> => ({ ...bodyOf(values), version: values.version }))
  .pipe(updateIncidentBody) satisfies z.ZodType<UpdateIncidentInput, IncidentFormValues>;

const datedValuesOf = (dated: Dated | null) => dated ?? emptyDated();

/** An incident as the server has it, back into form values (an edit starts from them, a reload resets to them). */
export function valuesOf(incident: Incident): IncidentFormValues {
  return {
    title: incident.title,
    description: incident.description ?? '',
    start: datedValuesOf(incident.start),
    end: datedValuesOf(incident.end),
    place: incident.place ?? '',
    region: incident.region ?? '',
    confidentiality: incident.confidentiality,
    acts: incident.acts.map((act) => ({
      actType: act.actType,
      criminalArticle: act.criminalArticle ?? '',
      criminalPart: act.criminalPart ?? '',
      start: datedValuesOf(act.start),
      end: datedValuesOf(act.end),
      place: act.place ?? '',
      victims: act.victims.map((v) => ({
        kind: v.personId === null ? ('group' as const) : ('person' as const),
        personId: v.personId,
        count: v.count ?? 1,
        force: v.force ?? '',
        region: v.region ?? '',
        serviceCategory: v.serviceCategory ?? '',
      })),
    })),
    perpetrators: incident.perpetrators.map((p) => ({
      kind: p.personId === null ? ('unit' as const) : ('person' as const),
      personId: p.personId,
      unit: p.unit ?? '',
      involvement: p.involvement,
    })),
    caseIds: incident.caseIds,
    version: incident.version,
  };
}

/** A new incident's values; `caseId` links it to that case from the start. */
export function newValues(caseId: string | null): IncidentFormValues {
  return {
    title: '',
    description: '',
    start: emptyDated(),
    end: emptyDated(),
    place: '',
    region: '',
    confidentiality: 'internal',
    acts: [emptyAct()],
    perpetrators: [],
    caseIds: caseId === null ? [] : [caseId],
    version: 1,
  };
}
