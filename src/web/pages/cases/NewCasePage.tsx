import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { createCaseBody } from '../../../shared/cases.schema.js';
import type { AssignableUsers, CaseCreated } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import {
  FieldMessage,
  FormError,
  serverFieldMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  useSchemaForm,
} from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel, useTerms } from '../../vocab/terms.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { OptionalTermFields } from './TermField.js';
import { FirstTaskFields } from '../triage/FirstTaskFields.js';
import { RequestTriaged, UrgencyField } from '../triage/IntakeBits.js';
import type { IntakeDetail } from '../triage/intakeTypes.js';
import { proposeTitle } from '../triage/proposeTitle.js';

type CaseForm = z.input<typeof createCaseBody>;

/** A case type that fits what the request says, when one plainly does; else the first offered. */
function proposedType(request: IntakeDetail | null, offered: readonly string[]): string {
  if (request?.locationType === 'detention' && offered.includes('detention_missing')) return 'detention_missing';
  return offered[0] ?? '';
}

/**
 * Opens a case (coordinators); `?intake=<id>` opens it from an intake
 * request in one step: region, service category, force and number of people
 * carried over, a short title proposed, the people to give it to chosen on
 * the same form.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.newTitle'));
  const [params] = useSearchParams();
  const intakeId = params.get('intake');
  const request = useApiGet<IntakeDetail>(intakeId === null ? null : `/api/intake/${encodeURIComponent(intakeId)}`);
  const types = useTerms('case_type');
  const roles = useTerms('requester_role');
  const regions = useTerms('region');
  const categories = useTerms('service_category');
  const forces = useTerms('force');
  const roleLabel = useTermLabel('requester_role');
  const regionLabel = useTermLabel('region');
  if (intakeId !== null && request.state.kind !== 'ready') {
    return <LoadStatus state={request.state} onRetry={request.reload} testId="case-new-intake" />;
  }
  // The pickers are filled before the form takes its values: a select without its options would drop them.
  const loading = [types, roles, regions, categories, forces].some((terms) => terms.data === undefined);
  if (types.data === undefined || loading) {
    return <p aria-busy="true">{t('common.loading')}</p>;
  }
  const from = request.state.kind === 'ready' ? request.state.data : null;
  const offered = types.data.terms.filter((term) => !term.retired).map((term) => term.code);
  const initial: CaseForm = {
    type: proposedType(from, offered),
    title:
      from === null
        ? ''
        : proposeTitle({
            requester: roleLabel(from.requesterRole),
            region: from.region === null ? null : regionLabel(from.region),
            text: from.text,
          }),
    summary: from === null ? '' : [from.text, ...from.messages.map((m) => m.body)].join('\n\n'),
    region: from?.region ?? null,
    serviceCategory: from?.serviceCategory ?? null,
    force: from?.force ?? null,
    urgency: from?.urgency ?? 'normal',
    groupSize: from?.groupSize ?? 1,
    isGroup: (from?.groupSize ?? 1) > 1,
    assigneeIds: [],
    ...(intakeId === null ? {} : { intakeId }),
  };
  return <NewCaseForm initial={initial} fromRequest={from !== null} />;
}

/** The empty choice of an optional code is null in the body: the case has none (not "carry it over"). */

function NewCaseForm({ initial, fromRequest }: { initial: CaseForm; fromRequest: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const assignable = useApiGet<AssignableUsers>('/api/cases/assignable');
  const { form, field, formProps, pending, failure, run } = useSchemaForm(createCaseBody, initial);
  const chosen = form.watch('assigneeIds') ?? [];

  function toggle(userId: string, on: boolean) {
    const next = on ? [...chosen, userId] : chosen.filter((id) => id !== userId);
    form.setValue('assigneeIds', next, { shouldDirty: true });
  }

  async function create(body: z.output<typeof createCaseBody>) {
    const summary = body.summary === '' ? undefined : body.summary;
    const created = await run(() => apiPost<CaseCreated>('/api/cases', { ...body, summary }));
    if (created === undefined) return;
    void invalidate('/api/intake', '/api/cases', '/api/me');
    void navigate(`/cases/${created.id}`);
  }

  const users = assignable.state.kind === 'ready' ? assignable.state.data.users : [];
  return (
    <>
      <h1>{t('cases.newTitle')}</h1>
      {fromRequest && (
        <p className="muted" data-testid="case-new-carried">
          {t('caseFromRequest.carried')}
        </p>
      )}
      <form className="card form" {...formProps(create)}>
        {fromRequest && failure?.code === 'CONFLICT' ? (
          <RequestTriaged intakeId={initial.intakeId ?? ''} />
        ) : (
          <FormError failure={failure} />
        )}
        <div className="field">
          <label htmlFor="case-new-type">{t('cases.type')}</label>
          {fromRequest && <p className="hint">{t('caseFromRequest.typeHint')}</p>}
          <TermSelect id="case-new-type" vocabulary="case_type" testId="case-new-type" {...form.register('type')} />
          <FieldMessage id="case-new-type-error" serverError={serverFieldMessage(failure, 'type')} />
        </div>
        <TextField
          label={t('cases.caseTitle')}
          {...(fromRequest ? { hint: t('caseFromRequest.titleHint') } : {})}
          maxLength={200}
          {...field('title')}
          testId="case-new-title"
        />
        <fieldset className="field" data-testid="case-new-assignees">
          <legend>{t('caseFromRequest.assignees')}</legend>
          <p className="hint">{t('caseFromRequest.assigneesHint')}</p>
          <LoadStatus state={assignable.state} onRetry={assignable.reload} testId="case-new-assignable" />
          {assignable.state.kind === 'ready' && users.length === 0 && (
            <p className="muted">{t('caseFromRequest.noAssignable')}</p>
          )}
          {users.map((user) => (
            <div className="checkbox" key={user.id}>
              <input
                id={`assignee-${user.id}`}
                type="checkbox"
                checked={chosen.includes(user.id)}
                onChange={(event) => toggle(user.id, event.target.checked)}
                data-testid="case-new-assignee"
                data-user-id={user.id}
              />
              <label htmlFor={`assignee-${user.id}`}>
                {user.username} ({t(`roles.${user.role}`)})
              </label>
            </div>
          ))}
        </fieldset>
        {fromRequest && chosen.length > 0 && (
          <FirstTaskFields field={field} onDrop={() => form.unregister('firstTask')} />
        )}
        <UrgencyField {...field('urgency')} testId="case-new-urgency" />
        <OptionalTermFields
          form={form}
          fields={[
            { name: 'region', vocabulary: 'region', label: t('triage.form.region'), id: 'case-new-region' },
            {
              name: 'serviceCategory',
              vocabulary: 'service_category',
              label: t('triage.form.serviceCategory'),
              id: 'case-new-service-category',
            },
            { name: 'force', vocabulary: 'force', label: t('triage.form.force'), id: 'case-new-force' },
          ]}
        />
        <TextField
          label={t('cases.groupSize')}
          type="number"
          min={1}
          {...field('groupSize', { valueAsNumber: true })}
          testId="case-new-group-size"
        />
        <TextAreaField label={t('cases.summary')} rows={6} {...field('summary')} testId="case-new-summary" />
        <SubmitButton pending={pending} label={t('caseFromRequest.submit')} testId="case-new-submit" />
      </form>
    </>
  );
}
