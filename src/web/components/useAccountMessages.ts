import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../api/accounts.js';
import type { PasswordProblem, UsernameProblem } from './accountChecks.js';

/** Localized texts for the username and password rules and their problems. */
export function useAccountMessages() {
  const { t } = useTranslation();
  const passwordLimits = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
  const usernameLimits = { min: USERNAME_MIN_LENGTH, max: USERNAME_MAX_LENGTH };
  return {
    passwordRules: t('password.rules', passwordLimits),
    usernameRules: t('username.rules', usernameLimits),
    password: (problem: PasswordProblem | undefined): string | undefined =>
      problem === undefined ? undefined : t(`password.${problem}`, passwordLimits),
    username: (problem: UsernameProblem | undefined): string | undefined =>
      problem === undefined ? undefined : t(`username.${problem}`, usernameLimits),
  };
}
