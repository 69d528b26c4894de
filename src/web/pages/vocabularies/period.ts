import type { ProposedTask } from '../../../shared/task-deadlines.js';

/** "30 days", "1 месяц": Intl chooses the plural form, which the message resources cannot hold for Russian. */
export function periodWords(language: string, proposal: ProposedTask): string {
  const months = proposal.dueInMonths !== undefined;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: months ? 'month' : 'day',
    unitDisplay: 'long',
  }).format(proposal.dueInMonths ?? proposal.dueInDays ?? 0);
}
