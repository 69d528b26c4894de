import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { apiDelete, apiPost } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useDateFormat } from '../../components/format.js';
import { FormError, Notice, TextField, useSchemaForm, useSubmit, SubmitButton } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { NewApiToken } from './NewApiToken.js';
import {
  createApiTokenBody,
  type ApiTokenList,
  type ApiTokenSummary,
  type CreatedApiToken,
} from '../../../shared/api-tokens.schema.js';
import { TableHead } from '../../components/TableHead.js';

export type { ApiTokenSummary, CreatedApiToken } from '../../../shared/api-tokens.schema.js';

/** Tokens other intake channels post requests with: list, issue, revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('apiTokens.title'));
  const { dateTime } = useDateFormat();
  const { state, reload } = useApiGet<ApiTokenList>('/api/api-tokens');
  const revoking = useSubmit();
  const creating = useSchemaForm(createApiTokenBody, { label: '' });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const create = async (body: z.output<typeof createApiTokenBody>) => {
    const token = await creating.run(() => apiPost<CreatedApiToken>('/api/api-tokens', body));
    if (token) {
      setCreated(token);
      creating.form.reset();
      reload();
    }
  };

  async function revoke(token: ApiTokenSummary) {
    setNotice(null);
    const done = await revoking.run(() =>
      apiDelete(`/api/api-tokens/${encodeURIComponent(token.id)}`).then(() => true),
    );
    if (done) setNotice(t('apiTokens.revoked', { label: token.label }));
    reload();
  }

  return (
    <>
      <h1>{t('apiTokens.title')}</h1>
      <p>{t('apiTokens.intro')}</p>
      <div className="stack">
        {created && <NewApiToken token={created} onDone={() => setCreated(null)} />}
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">{t('apiTokens.listHeading')}</h2>
          <LoadStatus state={state} onRetry={reload} testId="tokens" />
          <FormError failure={revoking.failure} testId="tokens-action-error" />
          {notice && <Notice testId="tokens-notice">{notice}</Notice>}
          {state.kind === 'ready' && state.data.tokens.length === 0 && <p className="muted">{t('apiTokens.empty')}</p>}
          {state.kind === 'ready' && state.data.tokens.length > 0 && (
            <table className="data-table" data-testid="tokens-table">
              <TableHead
                columns={[
                  t('apiTokens.label'),
                  t('apiTokens.created'),
                  t('apiTokens.lastUsed'),
                  t('apiTokens.status'),
                  t('common.actions'),
                ]}
              />
              <tbody>
                {state.data.tokens.map((token) => (
                  <tr
                    key={token.id}
                    data-testid="token-row"
                    data-token-id={token.id}
                    data-revoked={token.revokedAt !== null}
                  >
                    <th scope="row" data-label={t('apiTokens.label')} className="reason">
                      {token.label}
                    </th>
                    <td data-label={t('apiTokens.created')}>{dateTime(token.createdAt)}</td>
                    <td data-label={t('apiTokens.lastUsed')}>
                      {token.lastUsedAt ? dateTime(token.lastUsedAt) : t('apiTokens.never')}
                    </td>
                    <td data-label={t('apiTokens.status')}>
                      {token.revokedAt ? (
                        <span className="badge badge-bad">
                          {t('apiTokens.revokedAt', { at: dateTime(token.revokedAt) })}
                        </span>
                      ) : (
                        <span className="badge badge-ok">{t('apiTokens.active')}</span>
                      )}
                    </td>
                    <td>
                      {token.revokedAt === null && (
                        <ConfirmButton
                          label={t('apiTokens.revoke')}
                          question={t('apiTokens.revokeQuestion', { label: token.label })}
                          confirmLabel={t('apiTokens.revoke')}
                          danger
                          disabled={revoking.pending}
                          testId="token-revoke"
                          onConfirm={() => void revoke(token)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="token-new-heading">
          <h2 id="token-new-heading">{t('apiTokens.createHeading')}</h2>
          <form className="form" {...creating.formProps(create, () => setNotice(null))}>
            <FormError failure={creating.failure} testId="token-create-error" />
            <TextField
              label={t('apiTokens.label')}
              hint={t('apiTokens.labelHint')}
              maxLength={100}
              {...creating.field('label')}
              testId="token-label"
            />
            <SubmitButton pending={creating.pending} label={t('apiTokens.create')} testId="token-create" />
          </form>
        </section>
      </div>
    </>
  );
}
