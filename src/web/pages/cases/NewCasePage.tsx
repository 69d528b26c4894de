import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { TermsResponse } from '../../../shared/vocabularies.js';
import type { CaseCreated } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { FormError, serverFieldMessage, TextField, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import type { IntakeDetail } from '../triage/intakeTypes.js';
import { currentLanguage } from '../../i18n/i18n.js';

interface CaseDraft {
  type: string;
  title: string;
  summary: string;
  isGroup: boolean;
  groupSize: string;
}

const EMPTY: CaseDraft = { type: '', title: '', summary: '', isGroup: false, groupSize: '1' };

/** A first draft from the request: its first line as the title, its text and follow-ups as the summary. */
function draftFrom(request: IntakeDetail): CaseDraft {
  const firstLine = request.text.split('\n', 1)[0]?.trim() ?? '';
  const title = (request.handle === null ? firstLine : `${request.handle}: ${firstLine}`).slice(0, 120);
  const summary = [request.text, ...request.messages.map((m) => m.body)].join('\n\n');
  return { ...EMPTY, title, summary, isGroup: request.groupSize > 1, groupSize: String(request.groupSize) };
}

/** Opens a case (coordinators); `?intake=<id>` opens it from an intake request, prefilled from it. */
export function NewCasePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.newTitle'));
  const [params] = useSearchParams();
  const intakeId = params.get('intake');
  const request = useApiGet<IntakeDetail>(intakeId === null ? null : `/api/intake/${encodeURIComponent(intakeId)}`);
  if (intakeId === null) return <NewCaseForm intakeId={null} initial={EMPTY} />;
  if (request.state.kind !== 'ready') {
    return <LoadStatus state={request.state} onRetry={request.reload} testId="case-new-intake" />;
  }
  return <NewCaseForm intakeId={intakeId} initial={draftFrom(request.state.data)} />;
}

function NewCaseForm({ intakeId, initial }: { intakeId: string | null; initial: CaseDraft }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useApiGet<TermsResponse>('/api/vocabularies/case_type');
  const [form, setForm] = useState(initial);
  const { pending, failure, run } = useSubmit();
  const language = currentLanguage();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const created = await run(() =>
      apiPost<CaseCreated>('/api/cases', {
        type: form.type,
        title: form.title,
        ...(form.summary === '' ? {} : { summary: form.summary }),
        isGroup: form.isGroup,
        groupSize: Number(form.groupSize) || 1,
        ...(intakeId === null ? {} : { intakeId }),
      }),
    );
    if (created !== undefined) void navigate(`/cases/${created.id}`);
  }

  return (
    <>
      <h1>{t('cases.newTitle')}</h1>
      {intakeId !== null && <p className="muted">{t('cases.fromIntake')}</p>}
      <form className="card stack" onSubmit={(event) => void submit(event)}>
        <FormError failure={failure} />
        <label>
          {t('cases.type')}
          <select
            data-testid="case-new-type"
            required
            value={form.type}
            onChange={(event) => setForm({ ...form, type: event.target.value })}
          >
            <option value="" />
            {types.state.kind === 'ready' &&
              types.state.data.terms
                .filter((term) => !term.retired)
                .map((term) => (
                  <option key={term.id} value={term.code}>
                    {language === 'ru' ? term.labelRu : term.labelEn}
                  </option>
                ))}
          </select>
        </label>
        <TextField
          label={t('cases.caseTitle')}
          testId="case-new-title"
          required
          maxLength={200}
          value={form.title}
          serverError={serverFieldMessage(failure, 'title')}
          onChange={(event) => setForm({ ...form, title: event.target.value })}
        />
        <label>
          {t('cases.summary')}
          <textarea value={form.summary} onChange={(event) => setForm({ ...form, summary: event.target.value })} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.isGroup}
            onChange={(event) => setForm({ ...form, isGroup: event.target.checked })}
          />
          {t('cases.isGroup')}
        </label>
        {form.isGroup && (
          <TextField
            label={t('cases.groupSize')}
            type="number"
            min={1}
            value={form.groupSize}
            onChange={(event) => setForm({ ...form, groupSize: event.target.value })}
          />
        )}
        <button type="submit" disabled={pending} data-testid="case-new-submit">
          {t('cases.submit')}
        </button>
      </form>
    </>
  );
}
