import { TextField } from './common';
import { t } from '../lib/i18n';

/** A new password and its repetition, with the password rules as a hint (password change and reset). */
export function NewPasswordFields(props: {
  ids: [newId: string, repeatId: string];
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const shared = {
    type: 'password' as const,
    autoComplete: 'new-password',
    required: true,
    minLength: 10,
    maxLength: 200,
  };
  return (
    <>
      <TextField
        id={props.ids[0]}
        label={t('newPassword')}
        {...shared}
        hint={t('passwordHint')}
        value={props.password}
        onValue={props.onPassword}
      />
      <TextField
        id={props.ids[1]}
        label={t('newPasswordRepeat')}
        {...shared}
        value={props.repeat}
        onValue={props.onRepeat}
      />
    </>
  );
}
