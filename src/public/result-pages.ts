import { FIELD_LIMITS } from './form-fields.js';
import { html, page, type Lang } from './html.js';
import { fill, messagesFor } from './messages.js';

/** After a submission: the receipt code in large type, once, with advice on keeping it. */
export function renderReceipt(lang: Lang, receiptCode: string): string {
  const m = messagesFor(lang);
  return page(
    lang,
    m.thanksTitle,
    html`<h1>${m.thanksTitle}</h1>
      <p>${m.receiptLead}</p>
      <p class="receipt" data-testid="receipt-code">${receiptCode}</p>
      <ul>
        ${m.receiptAdvice.map((line) => html`<li>${line}</li>`)}
      </ul>
      <p><a href="/intake/follow-up?lang=${lang}">${m.followUpLink}</a></p>`,
  );
}

/**
 * The receipt page without a code to show: a reload after the code was shown,
 * a repeated post of one form, or a bot that filled the honeypot (which must
 * not learn that it was found out).
 */
export function renderReceivedAgain(lang: Lang): string {
  const m = messagesFor(lang);
  return page(
    lang,
    m.thanksTitle,
    html`<h1>${m.thanksTitle}</h1>
      <p class="notice" role="status" data-testid="intake-received-again">${m.receivedAgain}</p>
      <p><a href="/intake/follow-up?lang=${lang}">${m.followUpLink}</a></p>`,
  );
}

/** A page for a refusal or failure: a title, one message, a way back. */
export function renderProblem(lang: Lang, title: string, message: string, testId: string): string {
  const m = messagesFor(lang);
  return page(
    lang,
    title,
    html`<h1>${title}</h1>
      <p class="alert" role="alert" data-testid="${testId}">${message}</p>
      <p><a href="/intake?lang=${lang}">${m.backToForm}</a></p>`,
  );
}

export interface FollowUpState {
  values: { receiptCode?: string; message?: string };
  errors: Record<string, string>;
  csrf: string;
  notice?: 'done' | 'not_found' | 'wrong_codes_limited' | 'follow_ups_limited';
  /** With a `*_limited` notice: the minutes to wait. */
  minutes?: number;
}

export function renderFollowUp(lang: Lang, state: FollowUpState): string {
  const m = messagesFor(lang);
  const error = (name: string) => {
    const text = state.errors[name];
    return text === undefined ? '' : html`<span class="error" data-field-error="${name}">${text}</span>`;
  };
  return page(
    lang,
    m.followUpTitle,
    html`<a class="lang" href="/intake/follow-up?lang=${lang === 'ru' ? 'en' : 'ru'}">${m.otherLang}</a>
      <h1>${m.followUpTitle}</h1>
      ${state.notice === 'done' ? html`<p class="notice" role="status" data-testid="follow-up-done">${m.followUpDone}</p>` : ''}
      ${state.notice === 'not_found' ? html`<p class="alert" role="alert" data-testid="follow-up-not-found">${m.followUpNotFound}</p>` : ''}
      ${state.notice === 'wrong_codes_limited' ? html`<p class="alert" role="alert" data-testid="follow-up-limited">${fill(m.wrongCodesLimited, { minutes: state.minutes ?? 1 })}</p>` : ''}
      ${state.notice === 'follow_ups_limited' ? html`<p class="alert" role="alert" data-testid="follow-up-limited">${fill(m.followUpsLimited, { minutes: state.minutes ?? 1 })}</p>` : ''}
      <p class="lead">${m.followUpLead}</p>
      <form method="post" action="/intake/follow-up?lang=${lang}" accept-charset="utf-8" data-testid="follow-up-form">
        <input type="hidden" name="csrf" value="${state.csrf}" />
        <input type="hidden" name="lang" value="${lang}" />
        <div class="field">
          <label for="f-receiptCode">${m.receiptCode}</label>${error('receiptCode')}
          <input
            type="text"
            id="f-receiptCode"
            name="receiptCode"
            autocomplete="off"
            maxlength="${FIELD_LIMITS.receiptCode}"
            value="${state.values.receiptCode ?? ''}"
          />
        </div>
        <div class="field">
          <label for="f-message">${m.message}</label>${error('message')}
          <textarea id="f-message" name="message" maxlength="${FIELD_LIMITS.message}">
${state.values.message ?? ''}</textarea>
        </div>
        <p><button type="submit" data-testid="follow-up-submit">${m.submit}</button></p>
      </form>
      <p><a href="/intake?lang=${lang}">${m.backToForm}</a></p>`,
  );
}
