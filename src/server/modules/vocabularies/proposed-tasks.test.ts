import { describe, expect, it } from 'vitest';
import { addDays, addMonths, proposalsOf, proposedDueDate } from '../../../shared/task-deadlines.js';
import { AppError } from '../../http/errors.js';
import { SEED } from './seed/index.js';
import { parseAttributes } from './vocabularies.attributes.js';

describe('deadlines from the law as vocabulary data', () => {
  it('counts months as procedure does: the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(proposedDueDate({ titleRu: 'а', titleEn: 'a', dueInDays: 15 }, '2026-02-20')).toBe('2026-03-07');
  });

  it('seeds stages and outcomes proposing tasks, each marked as an example for the lawyer to check', () => {
    const proposing = [...SEED.stage, ...SEED.outcome].filter((term) => proposalsOf(term.attributes).length > 0);
    expect(proposing.map((term) => term.code).sort()).toEqual([
      'awaiting_response',
      'court_claim_rejected',
      'criminal_real_sentence',
      'dismissal_denied',
      'prosecutor_complaint',
    ]);
    for (const term of proposing) {
      expect(proposalsOf(term.attributes).every((task) => task.example === true)).toBe(true);
    }
    const appeal = proposalsOf(SEED.outcome.find((term) => term.code === 'court_claim_rejected')?.attributes);
    expect(appeal.map((task) => proposedDueDate(task, '2026-12-02'))).toEqual(['2027-01-02']);
  });

  it('refuses a proposal with no period, or two, naming the field', () => {
    const refused = (proposedTasks: unknown) => {
      try {
        parseAttributes('stage', { proposedTasks });
      } catch (error) {
        return error instanceof AppError ? error.fields?.map((field) => field.path) : undefined;
      }
      return [];
    };
    expect(refused([{ titleRu: 'а', titleEn: 'a', dueInDays: 30 }])).toEqual([]);
    expect(refused([{ titleRu: 'а', titleEn: 'a' }])).toEqual(['attributes.proposedTasks.0.dueInDays']);
    expect(refused([{ titleRu: 'а', titleEn: 'a', dueInDays: 1, dueInMonths: 1 }])).toEqual([
      'attributes.proposedTasks.0.dueInDays',
    ]);
    expect(refused([{ titleRu: '', titleEn: 'a', dueInDays: 1 }])).toEqual(['attributes.proposedTasks.0.titleRu']);
  });
});
