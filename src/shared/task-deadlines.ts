// Deadlines from the law, as vocabulary data: a stage (on entering it) or an
// outcome (on recording it) may propose tasks due some days or months later.
// The server checks the shape (vocabularies.attributes.ts); the web app offers
// each proposal for the user to confirm.
import { z } from 'zod';

export const PROPOSAL_TITLE_MAX = 200;

const title = z.string().trim().min(1).max(PROPOSAL_TITLE_MAX);

/** One task a stage or outcome proposes; exactly one of `dueInDays`, `dueInMonths`. */
export const proposedTaskSchema = z
  .strictObject({
    titleRu: title,
    titleEn: title,
    dueInDays: z.number().int().min(0).max(3650).optional(),
    dueInMonths: z.number().int().min(1).max(120).optional(),
    /** Seeded as an example: the organization's lawyer checks the term and the period. */
    example: z.boolean().optional(),
  })
  .refine((task) => (task.dueInDays === undefined) !== (task.dueInMonths === undefined), {
    message: 'give exactly one of dueInDays, dueInMonths',
    path: ['dueInDays'],
  });
export type ProposedTask = z.infer<typeof proposedTaskSchema>;

/** At most this many proposals a term. */
export const PROPOSALS_MAX = 10;
export const proposedTasksSchema = z.array(proposedTaskSchema).max(PROPOSALS_MAX);

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `from` (YYYY-MM-DD) plus some days. */
export function addDays(from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/**
 * `from` plus some months, as periods in months are counted in Russian
 * procedure: the day with the same number in the last month, or that month's
 * last day when it has no such day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(from: string, months: number): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const target = month - 1 + months;
  const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(year, target, Math.min(day, lastDay))));
}

/** The day a proposed task is due when the stage or outcome happens on `from`. */
export function proposedDueDate(task: ProposedTask, from: string): string {
  return task.dueInMonths === undefined ? addDays(from, task.dueInDays ?? 0) : addMonths(from, task.dueInMonths);
}

/** The proposals a term's attributes carry (none when they carry nothing that parses). */
export function proposalsOf(attributes: unknown): ProposedTask[] {
  if (typeof attributes !== 'object' || attributes === null) return [];
  const parsed = proposedTasksSchema.safeParse((attributes as { proposedTasks?: unknown }).proposedTasks);
  return parsed.success ? parsed.data : [];
}
