import type { ComponentProps } from 'react';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../api/accounts.js';
import { AS_TYPED, TextField } from './forms.js';
import { useAccountMessages } from './useAccountMessages.js';

type TextFieldProps = ComponentProps<typeof TextField>;

/** The username of a new account: typed as is, with the rules after `intro` as its hint. */
export function NewUsernameField({ intro, ...props }: Omit<TextFieldProps, 'hint' | 'maxLength'> & { intro: string }) {
  const messages = useAccountMessages();
  return (
    <TextField hint={`${intro} ${messages.usernameRules}`} {...AS_TYPED} maxLength={USERNAME_MAX_LENGTH} {...props} />
  );
}

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'autoComplete'> & {
  /** What a password manager offers here: the saved password, or a new one to save. */
  purpose: 'current' | 'new';
};

/** A password input; a new one is held to the server's maximum length. */
export function PasswordField({ purpose, ...props }: PasswordFieldProps) {
  return (
    <TextField
      type="password"
      autoComplete={`${purpose}-password`}
      {...(purpose === 'new' ? { maxLength: PASSWORD_MAX_LENGTH } : {})}
      {...props}
    />
  );
}

/** One of the pair: its registration (from useSchemaForm's `field`), label and test id. */
type PairField = Omit<PasswordFieldProps, 'purpose' | 'hint'>;

/** A new password with the rules as its hint, and its repeat, as every form that sets one asks for them. */
export function NewPasswordFields({ password, repeat }: { password: PairField; repeat: PairField }) {
  const messages = useAccountMessages();
  return (
    <>
      <PasswordField purpose="new" hint={messages.passwordRules} {...password} />
      <PasswordField purpose="new" {...repeat} />
    </>
  );
}
