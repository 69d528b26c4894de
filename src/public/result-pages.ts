import { html, page, type Lang } from './html.js';
import { messagesFor } from './messages.js';

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

/** The honeypot's answer: thanks, and nothing stored. */
export function renderThanks(lang: Lang): string {
  const m = messagesFor(lang);
  return page(
    lang,
    m.thanksTitle,
    html`<h1>${m.thanksTitle}</h1>
      <p class="notice" data-testid="intake-thanks">${m.receiptLead}</p>`,
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
  notice?: 'done' | 'not_found';
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
      <p class="lead">${m.followUpLead}</p>
      <form method="post" action="/intake/follow-up" accept-charset="utf-8" data-testid="follow-up-form">
        <input type="hidden" name="csrf" value="${state.csrf}" />
        <input type="hidden" name="lang" value="${lang}" />
        <div class="field">
          <label for="f-receiptCode">${m.receiptCode}</label>${error('receiptCode')}
          <input
            type="text"
            id="f-receiptCode"
            name="receiptCode"
            autocomplete="off"
            maxlength="64"
            value="${state.values.receiptCode ?? ''}"
          />
        </div>
        <div class="field">
          <label for="f-message">${m.message}</label>${error('message')}
          <textarea id="f-message" name="message">${state.values.message ?? ''}</textarea>
        </div>
        <p><button type="submit" data-testid="follow-up-submit">${m.submit}</button></p>
      </form>
      <p><a href="/intake?lang=${lang}">${m.backToForm}</a></p>`,
  );
}
