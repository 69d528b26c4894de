import { useTranslation } from 'react-i18next';
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../api/accounts.js';
import { PASSWORD_LIMITS } from './accountChecks.js';

/** Localized texts for the username and password rules, shown as hints. */
export function useAccountMessages() {
  const { t } = useTranslation();
  return {
    passwordRules: t('password.rules', PASSWORD_LIMITS),
    usernameRules: t('username.rules', { min: USERNAME_MIN_LENGTH, max: USERNAME_MAX_LENGTH }),
  };
}
