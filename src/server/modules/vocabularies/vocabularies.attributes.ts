import { z } from 'zod';
import {
  PLACE_KINDS,
  TERM_LABEL_MAX_LENGTH,
  UNIT_BRANCHES,
  type CommonAttributes,
  type OutcomeAttributes,
  type PlaceAttributes,
  type ServiceCategoryAttributes,
  type StageAttributes,
  type TermAttributes,
  type UnitAttributes,
  type Vocabulary,
} from '../../../shared/vocabularies.js';
import { proposedTasksSchema } from '../../../shared/task-deadlines.js';
import { validationError } from '../../http/errors.js';
import { TERM_CODE } from './vocabularies.schema.js';

/**
 * What each vocabulary's `attributes` may hold. Strict: an unknown key is an
 * error, so that a typo does not silently store nothing useful.
 */
const common = {
  example: z.boolean().optional(),
  aliases: z.array(z.string().trim().min(1).max(TERM_LABEL_MAX_LENGTH)).max(20).optional(),
};

const commonSchema = z.strictObject(common) satisfies z.ZodType<CommonAttributes>;

const SCHEMAS: Record<Vocabulary, z.ZodType<TermAttributes>> = {
  place: z.strictObject({
    ...common,
    kind: z.enum(PLACE_KINDS),
    region: TERM_CODE.optional(),
    courtType: TERM_CODE.optional(),
  }) satisfies z.ZodType<PlaceAttributes>,
  unit: z.strictObject({
    ...common,
    number: z.string().trim().min(1).max(20).optional(),
    branch: z.enum(UNIT_BRANCHES).optional(),
    garrison: TERM_CODE.optional(),
  }) satisfies z.ZodType<UnitAttributes>,
  outcome: z.strictObject({
    ...common,
    closes: z.boolean().default(false),
    proposedTasks: proposedTasksSchema.optional(),
  }) satisfies z.ZodType<OutcomeAttributes>,
  stage: z.strictObject({
    ...common,
    closes: z.boolean().optional(),
    proposedTasks: proposedTasksSchema.optional(),
    allowsOutcome: z.boolean().optional(),
  }) satisfies z.ZodType<StageAttributes>,
  service_category: z.strictObject({
    ...common,
    courtType: TERM_CODE.optional(),
  }) satisfies z.ZodType<ServiceCategoryAttributes>,
  region: commonSchema,
  force: commonSchema,
  requester_role: commonSchema,
  case_type: commonSchema,
  act_type: commonSchema,
  channel: commonSchema,
  location_type: commonSchema,
  person_role: commonSchema,
  court_type: commonSchema,
  involvement: commonSchema,
  date_precision: commonSchema,
  confidentiality: commonSchema,
  source_kind: commonSchema,
  reliability: commonSchema,
  knowledge_basis: commonSchema,
};

/** Attributes that name a term of another vocabulary by its code. */
const REFERENCES: Partial<Record<Vocabulary, Readonly<Record<string, Vocabulary>>>> = {
  place: { region: 'region', courtType: 'court_type' },
  unit: { garrison: 'place' },
  service_category: { courtType: 'court_type' },
};

/** Checks a term's attributes against its vocabulary's shape; problems name `attributes.<key>`. */
export function parseAttributes(vocabulary: Vocabulary, raw: unknown): TermAttributes {
  const result = SCHEMAS[vocabulary].safeParse(raw ?? {});
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => ({
      path: ['attributes', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

export interface AttributeReference {
  /** `attributes.region` */
  field: string;
  vocabulary: Vocabulary;
  code: string;
}

/** The terms of other vocabularies that `attributes` names. */
export function attributeReferences(vocabulary: Vocabulary, attributes: TermAttributes): AttributeReference[] {
  const references = REFERENCES[vocabulary] ?? {};
  return Object.entries(references).flatMap(([key, target]) => {
    const code = attributes[key];
    return typeof code === 'string' ? [{ field: `attributes.${key}`, vocabulary: target, code }] : [];
  });
}
