import type { Term } from '../shared/vocabularies.js';
import { FIELD_LIMITS } from './form-fields.js';
import { html, page, type Lang, type SafeHtml } from './html.js';
import { messagesFor, type PublicMessages } from './messages.js';

/** What the form shows: the values typed (kept on an error), field errors, and the vocabularies offered. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  csrf: string;
  /** The one-time submission key: one per form, so a repeated post of it makes no second request. */
  submission: string;
  /** A refusal of the whole post (too many requests), shown above the form that keeps the text. */
  notice?: string;
}

export interface FormVocabularies {
  requesterRole: Term[];
  region: Term[];
  serviceCategory: Term[];
  force: Term[];
  locationType: Term[];
}

const label = (term: Term, lang: Lang) => (lang === 'en' ? term.labelEn : term.labelRu);

function field(name: string, title: string, control: SafeHtml, state: FormState, hint?: string): SafeHtml {
  const error = state.errors[name];
  return html`<div class="field${error === undefined ? '' : ' invalid'}">
    <label for="f-${name}">${title}</label>
    ${hint === undefined ? '' : html`<span class="hint" id="h-${name}">${hint}</span>`}
    ${error === undefined ? '' : html`<span class="error" id="e-${name}" data-field-error="${name}">${error}</span>`}
    ${control}
  </div>`;
}

function options(terms: Term[], lang: Lang, selected: string | undefined): SafeHtml[] {
  return terms.map(
    (term) =>
      html`<option value="${term.code}" ${term.code === selected ? ' selected' : ''}>${label(term, lang)}</option>`,
  );
}

function select(name: string, terms: Term[], state: FormState, lang: Lang, m: PublicMessages, required = false) {
  return html`<select id="f-${name}" name="${name}" ${required ? ' required' : ''}>
    <option value="">${m.notChosen}</option>
    ${options(terms, lang, state.values[name])}
  </select>`;
}

/** Regions grouped by country (Russia; occupied Ukraine), each sorted by label in the reader's language. */
function regionSelect(terms: Term[], state: FormState, lang: Lang, m: PublicMessages) {
  const byCode = new Map(terms.map((t) => [t.id, t.code]));
  const group = (code: 'RU' | 'UA') =>
    terms
      .filter((t) => t.parentId !== null && byCode.get(t.parentId) === code)
      .sort((a, b) => label(a, lang).localeCompare(label(b, lang), lang));
  return html`<select id="f-region" name="region">
    <option value="">${m.notChosen}</option>
    <optgroup label="${m.regionRU}">${options(group('RU'), lang, state.values.region)}</optgroup>
    <optgroup label="${m.regionUA}">${options(group('UA'), lang, state.values.region)}</optgroup>
  </select>`;
}

function checkbox(name: string, text: string, state: FormState) {
  return html`<div class="check">
    <input
      type="checkbox"
      id="f-${name}"
      name="${name}"
      value="1"
      ${state.values[name] === '1' ? ' checked' : ''}
    /><label for="f-${name}">${text}</label>
  </div>`;
}

export function renderIntakeForm(lang: Lang, state: FormState, vocab: FormVocabularies): string {
  const m = messagesFor(lang);
  const v = state.values;
  const urgency = v.urgency ?? 'normal';
  const hasErrors = Object.keys(state.errors).length > 0;
  const body = html`<a class="lang" href="/intake?lang=${lang === 'ru' ? 'en' : 'ru'}" data-testid="intake-lang"
      >${m.otherLang}</a
    >
    <h1>${m.title}</h1>
    <p class="lead">${m.lead}</p>
    ${hasErrors ? html`<p class="alert" role="alert" data-testid="intake-errors">${m.errorsAbove}</p>` : ''}
    ${state.notice === undefined ? '' : html`<p class="alert" role="alert" data-testid="intake-limited">${state.notice}</p>`}
    <form method="post" action="/intake?lang=${lang}" accept-charset="utf-8" data-testid="intake-form">
      <input type="hidden" name="csrf" value="${state.csrf}" />
      <input type="hidden" name="submission" value="${state.submission}" />
      <input type="hidden" name="lang" value="${lang}" />
      <div class="hp" aria-hidden="true">
        <label for="f-website">${m.honeypot}</label
        ><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value="" />
      </div>
      ${field('handle', m.handle, html`<input type="text" id="f-handle" name="handle" maxlength="${FIELD_LIMITS.handle}" value="${v.handle ?? ''}" />`, state, m.handleHint)}
      ${field('contact', m.contact, html`<input type="text" id="f-contact" name="contact" maxlength="${FIELD_LIMITS.contact}" value="${v.contact ?? ''}" />`, state, m.contactHint)}
      ${field('requesterRole', m.requesterRole, select('requesterRole', vocab.requesterRole, state, lang, m, true), state)}
      ${field('groupSize', m.groupSize, html`<input type="number" id="f-groupSize" name="groupSize" min="1" max="10000" value="${v.groupSize ?? '1'}" />`, state)}
      ${field('region', m.region, regionSelect(vocab.region, state, lang, m), state)}
      ${field('serviceCategory', m.serviceCategory, select('serviceCategory', vocab.serviceCategory, state, lang, m), state)}
      ${field('force', m.force, select('force', vocab.force, state, lang, m), state)}
      ${field('locationType', m.locationType, select('locationType', vocab.locationType, state, lang, m), state)}
      ${field(
        'urgency',
        m.urgency,
        html`<select id="f-urgency" name="urgency">
          ${(['low', 'normal', 'high', 'critical'] as const).map(
            (u) => html`<option value="${u}" ${u === urgency ? ' selected' : ''}>${m.urgencyValues[u]}</option>`,
          )}
        </select>`,
        state,
      )}
      ${field('text', m.text, html`<textarea id="f-text" name="text" maxlength="${FIELD_LIMITS.text}" required>${v.text ?? ''}</textarea>`, state, m.textHint)}
      ${checkbox('consentDocumentation', m.consentDocumentation, state)}
      ${checkbox('consentStatistics', m.consentStatistics, state)}
      <p><button type="submit" data-testid="intake-submit">${m.submit}</button></p>
    </form>
    <p><a href="/intake/follow-up?lang=${lang}" data-testid="intake-follow-up-link">${m.followUpLink}</a></p>`;
  return page(lang, m.title, body);
}
