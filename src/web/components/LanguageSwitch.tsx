import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n.js';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../i18n/language.js';
import { GlobeIcon } from './icons.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? 'en';

  function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const next = event.target.value;
    if (isLanguage(next)) void switchLanguage(next);
  }

  return (
    <div className="language-switch">
      <label htmlFor={id}>
        <GlobeIcon />
        <span className="visually-hidden">{t('app.language')}</span>
      </label>
      <select id={id} value={current} onChange={onChange} data-testid="lang-switch">
        {LANGUAGES.map((lng) => (
          // lang on each option lets a screen reader say "Русский" in Russian.
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
    </div>
  );
}
