import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PERSON_EVENTS, TASK_EVENTS, type TimelineEvent } from '../../../shared/cases.schema.js';
import { assertUnreachable } from '../../../shared/errors.js';
import { useDateFormat } from '../../components/format.js';
import { useTermLabel } from '../../vocab/terms.js';

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  (values as readonly (string | null)[]).includes(value);

/** "lawyer petrov", "coordinator anna": a user named with the role they hold, in the case a sentence needs. */
function roleWord(t: TFunction, role: TimelineEvent['targetRole']): string {
  return role === 'caseworker' || role === 'lawyer' || role === 'coordinator'
    ? t(`timeline.roles.${role}`)
    : t('timeline.roles.other');
}

/**
 * "Anna assigned lawyer Petrov", "Stage: Verification → Assessment", "anna
 * marked the task «Appeal» done": an event in words, never a code or an id.
 */
export function useEventWords() {
  const { t } = useTranslation();
  const stage = useTermLabel('stage');
  const outcome = useTermLabel('outcome');
  const personRole = useTermLabel('person_role');
  const { date } = useDateFormat();

  function taskWords(e: TimelineEvent, actor: string): string {
    // Task events older than the task's own record say only that a task was added.
    if (e.subjectTitle === null || !isOneOf(TASK_EVENTS, e.detail)) return t('timeline.task');
    const title = e.subjectTitle;
    switch (e.detail) {
      case 'created':
        return e.targetUserId === null || e.targetUserId === e.actorId
          ? t('timeline.taskCreated', { actor, title })
          : t('timeline.taskCreatedFor', { actor, title, target: e.targetUsername ?? t('timeline.someone') });
      case 'reassigned':
        return t('timeline.taskReassigned', {
          actor,
          title,
          role: roleWord(t, e.targetRole),
          target: e.targetUsername ?? t('timeline.someone'),
        });
      case 'due_changed':
        return t('timeline.taskDueChanged', { actor, title, from: date(e.stageFrom), to: date(e.stageTo) });
      case 'done':
        return t('timeline.taskDone', { actor, title });
      case 'reopened':
        return t('timeline.taskReopened', { actor, title });
      default:
        return assertUnreachable(e.detail);
    }
  }

  function personWords(e: TimelineEvent, actor: string): string {
    if (!isOneOf(PERSON_EVENTS, e.detail)) return t('timeline.person');
    switch (e.detail) {
      case 'added':
        return t('timeline.personAdded', { actor, role: personRole(e.stageTo) });
      case 'removed':
        return t('timeline.personRemoved', { actor, role: personRole(e.stageFrom) });
      case 'role_changed':
        return t('timeline.personRoleChanged', { actor, from: personRole(e.stageFrom), to: personRole(e.stageTo) });
      default:
        return assertUnreachable(e.detail);
    }
  }

  return (e: TimelineEvent): string => {
    const actor = e.actorUsername ?? t('timeline.someone');
    switch (e.kind) {
      case 'opened':
        return t('timeline.opened', { to: stage(e.stageTo) });
      case 'stage':
        return t('timeline.stage', { from: stage(e.stageFrom), to: stage(e.stageTo) });
      case 'close':
        return t('timeline.close', { from: stage(e.stageFrom), to: stage(e.stageTo) });
      case 'reopen':
        return t('timeline.reopen', { to: stage(e.stageTo) });
      case 'outcome':
        // For outcome events the stage columns hold the old and new outcome codes.
        if (e.stageTo === null) return t('timeline.outcomeCleared', { from: outcome(e.stageFrom) });
        if (e.stageFrom === null) return t('timeline.outcomeSet', { to: outcome(e.stageTo) });
        return t('timeline.outcomeChanged', { from: outcome(e.stageFrom), to: outcome(e.stageTo) });
      case 'grant': {
        if (e.targetUsername === null) return t('timeline.grant');
        const words = { actor, role: roleWord(t, e.targetRole), target: e.targetUsername };
        return e.detail === 'removed' ? t('timeline.grantRemoved', words) : t('timeline.grantAdded', words);
      }
      case 'note':
        return t('timeline.note');
      case 'task':
        return taskWords(e, actor);
      case 'person':
        return personWords(e, actor);
      default:
        return assertUnreachable(e.kind);
    }
  };
}
