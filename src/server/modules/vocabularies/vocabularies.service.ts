import type { AuditAction } from '../../../shared/audit-actions.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { isVocabulary, type Term, type TermAttributes, type Vocabulary } from '../../../shared/vocabularies.js';
import { appendAudit } from '../../audit/audit.js';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { attributeReferences, parseAttributes } from './vocabularies.attributes.js';
import {
  ancestorIds,
  codeTaken,
  lockVocabularyCodes,
  countTerms,
  insertTerm,
  maxSiblingSortOrder,
  selectTermByCode,
  selectTermById,
  selectTermForUpdate,
  selectTerms,
  updateTermRow,
} from './vocabularies.queries.js';
import type { CreateTermInput, UpdateTermInput } from './vocabularies.schema.js';

type Clock = () => Date;

/** A term named by its id or by its code. */
export type TermRef = { id: string } | { code: string };

/** The vocabulary a path names, or NOT_FOUND. */
export function vocabularyOr404(name: string): Vocabulary {
  if (!isVocabulary(name)) throw new AppError('NOT_FOUND', 'There is no such vocabulary.');
  return name;
}

export function listVocabularies(db: Db) {
  return countTerms(db);
}

/** A vocabulary's terms in sort order; retired ones only when asked for. */
export function listTerms(db: Db, vocabulary: Vocabulary, options: { includeRetired?: boolean } = {}): Promise<Term[]> {
  return selectTerms(db, vocabulary, options.includeRetired ?? false);
}

/** Any term by id, retired or not: old records keep showing theirs. */
export function getTerm(db: Db, id: string): Promise<Term | undefined> {
  return selectTermById(db, id);
}

/** A term by its code (exact), retired or not. */
export function termByCode(db: Db, vocabulary: Vocabulary, code: string): Promise<Term | undefined> {
  return selectTermByCode(db, vocabulary, code);
}

/**
 * The term `ref` names, when it is in `vocabulary` and not retired; otherwise
 * VALIDATION_FAILED naming `field`. One indexed query, no cache: with several
 * app processes a per-process cache would offer a term another process has
 * just retired.
 */
export async function assertOfferedTerm(db: Db, vocabulary: Vocabulary, ref: TermRef, field: string): Promise<Term> {
  const term = 'id' in ref ? await selectTermById(db, ref.id) : await selectTermByCode(db, vocabulary, ref.code);
  if (term?.vocabulary !== vocabulary) {
    throw validationError([{ path: field, message: `is not a term of the ${vocabulary} vocabulary` }]);
  }
  if (term.retired) {
    throw validationError([{ path: field, message: `"${term.code}" is retired and no longer offered` }]);
  }
  return term;
}

/** Adds a term to a vocabulary (coordinators). Audited as `vocabulary.create`. */
export async function createTerm(
  db: Kysely<Database>,
  actorId: string,
  vocabulary: Vocabulary,
  input: CreateTermInput,
  clock: Clock,
): Promise<Term> {
  const attributes = parseAttributes(vocabulary, input.attributes);
  return db.transaction().execute(async (trx) => {
    await lockVocabularyCodes(trx, vocabulary);
    if (await codeTaken(trx, vocabulary, input.code)) {
      throw new AppError('CONFLICT', `The code ${input.code} is taken in this vocabulary.`, [
        { path: 'code', message: 'is taken in this vocabulary' },
      ]);
    }
    const parentId = input.parentId ?? null;
    if (parentId !== null) await checkParent(trx, vocabulary, parentId, null);
    await checkReferences(trx, vocabulary, attributes, {});
    const at = clock().toISOString();
    const id = crypto.randomUUID();
    await insertTerm(trx, {
      id,
      vocabulary,
      code: input.code,
      parent_id: parentId,
      label_ru: input.labelRu,
      label_en: input.labelEn,
      sort_order: input.sortOrder ?? (await defaultSortOrder(trx, vocabulary, parentId)),
      retired_at: null,
      attributes: JSON.stringify(attributes),
      created_at: at,
      updated_at: at,
    });
    await audit(trx, actorId, 'vocabulary.create', id, clock);
    return found(await selectTermById(trx, id));
  });
}

/**
 * Changes a term's labels, parent, sort order or attributes (`attributes`
 * replaces the whole object), and retires or offers it again. Audited as
 * `vocabulary.update`, `vocabulary.retire`, `vocabulary.unretire`; a change
 * to nothing writes nothing.
 */
export async function updateTerm(
  db: Kysely<Database>,
  actorId: string,
  vocabulary: Vocabulary,
  termId: string,
  change: UpdateTermInput,
  clock: Clock,
): Promise<Term> {
  return db.transaction().execute(async (trx) => {
    // Locked: what is compared and merged below is what the term holds when the change is written.
    const term = await selectTermForUpdate(trx, termId);
    if (term?.vocabulary !== vocabulary) throw new AppError('NOT_FOUND', 'There is no such term in this vocabulary.');
    const at = clock().toISOString();
    const set: Parameters<typeof updateTermRow>[2] = {};
    if (change.labelRu !== undefined && change.labelRu !== term.labelRu) set.label_ru = change.labelRu;
    if (change.labelEn !== undefined && change.labelEn !== term.labelEn) set.label_en = change.labelEn;
    if (change.sortOrder !== undefined && change.sortOrder !== term.sortOrder) set.sort_order = change.sortOrder;
    if (change.parentId !== undefined && change.parentId !== term.parentId) {
      if (change.parentId !== null) await checkParent(trx, vocabulary, change.parentId, termId);
      set.parent_id = change.parentId;
    }
    const wanted = change.attributes ?? mergedAttributes(term.attributes, change.attributeChanges);
    if (wanted !== undefined) {
      const attributes = parseAttributes(vocabulary, wanted);
      await checkReferences(trx, vocabulary, attributes, term.attributes);
      const json = JSON.stringify(attributes);
      if (json !== JSON.stringify(term.attributes)) set.attributes = json;
    }
    if (Object.keys(set).length > 0) {
      await updateTermRow(trx, termId, { ...set, updated_at: at });
      await audit(trx, actorId, 'vocabulary.update', termId, clock);
    }
    if (change.retired !== undefined && change.retired !== term.retired) {
      await updateTermRow(trx, termId, { retired_at: change.retired ? at : null, updated_at: at });
      await audit(trx, actorId, change.retired ? 'vocabulary.retire' : 'vocabulary.unretire', termId, clock);
    }
    return found(await selectTermById(trx, termId));
  });
}

/** The term's attributes with `changes` applied (a null value removes its key); undefined without changes. */
function mergedAttributes(current: TermAttributes, changes: TermAttributes | undefined): TermAttributes | undefined {
  if (changes === undefined) return undefined;
  const kept = Object.entries({ ...current, ...changes }).filter(([, value]) => value !== null);
  return Object.fromEntries(kept);
}

/** Stops offering a term; records that hold it keep it. */
export function retireTerm(
  db: Kysely<Database>,
  actorId: string,
  vocabulary: Vocabulary,
  termId: string,
  clock: Clock,
) {
  return updateTerm(db, actorId, vocabulary, termId, { retired: true }, clock);
}

/** Offers a retired term again. */
export function unretireTerm(
  db: Kysely<Database>,
  actorId: string,
  vocabulary: Vocabulary,
  termId: string,
  clock: Clock,
) {
  return updateTerm(db, actorId, vocabulary, termId, { retired: false }, clock);
}

/** The parent must be a term of the same vocabulary, and not the term itself or one below it. */
async function checkParent(db: Db, vocabulary: Vocabulary, parentId: string, termId: string | null): Promise<void> {
  const parent = await selectTermById(db, parentId);
  if (parent?.vocabulary !== vocabulary) {
    throw validationError([{ path: 'parentId', message: 'is not a term of this vocabulary' }]);
  }
  if (termId !== null && (parentId === termId || (await ancestorIds(db, parentId)).includes(termId))) {
    throw validationError([{ path: 'parentId', message: 'would put the term under itself' }]);
  }
}

/** Terms that attributes name must be offered, unless the attribute kept the value it had. */
async function checkReferences(
  db: Db,
  vocabulary: Vocabulary,
  attributes: TermAttributes,
  previous: TermAttributes,
): Promise<void> {
  for (const reference of attributeReferences(vocabulary, attributes)) {
    if (previous[reference.field.slice('attributes.'.length)] === reference.code) continue;
    await assertOfferedTerm(db, reference.vocabulary, { code: reference.code }, reference.field);
  }
}

/** After the last sibling; 0 when the siblings are all 0, which the web app orders by label. */
async function defaultSortOrder(db: Db, vocabulary: Vocabulary, parentId: string | null): Promise<number> {
  const max = await maxSiblingSortOrder(db, vocabulary, parentId);
  return max === null || max === 0 ? 0 : max + 1;
}

function found(term: Term | undefined): Term {
  if (term === undefined) throw new AppError('NOT_FOUND');
  return term;
}

function audit(trx: Db, actorId: string, action: AuditAction, termId: string, clock: Clock) {
  return appendAudit(trx, { actorId, action, objectType: 'term', objectId: termId, outcome: 'success' }, clock);
}
