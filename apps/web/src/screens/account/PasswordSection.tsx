import { useState } from 'preact/hooks';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { FormError, Section, TextField, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';

/** Change the password with the current one; the api signs out the other devices, this one stays. */
export function PasswordSection({ onChanged, passwordSet }: { onChanged: () => void; passwordSet: boolean }) {
  if (!passwordSet) {
    // An account made by single sign-on: nothing to change; a password can be set with "forgot password".
    return (
      <Section title={t('passwordSection')}>
        <p class="muted">{t('passwordNotSetIntro')}</p>
      </Section>
    );
  }
  return <PasswordChange onChanged={onChanged} />;
}

function PasswordChange({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(async () => {
    setChanged(false);
    if (next !== repeat) throw new Error(t('passwordsDiffer'));
    await api('POST', '/me/password', { currentPassword: current, newPassword: next });
    setCurrent('');
    setNext('');
    setRepeat('');
    setChanged(true);
    onChanged();
  });
  return (
    <Section title={t('passwordSection')}>
      <p class="muted">{t('passwordChangeIntro')}</p>
      <form
        class="stack account-password"
        onSubmit={(e) => {
          e.preventDefault();
          void change.run();
        }}
      >
        <TextField
          id="password-current"
          label={t('currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onValue={setCurrent}
        />
        <NewPasswordFields
          ids={['password-new', 'password-repeat']}
          password={next}
          repeat={repeat}
          onPassword={setNext}
          onRepeat={setRepeat}
        />
        <FormError error={change.error} />
        {changed && <p role="status">{t('passwordChanged')}</p>}
        <button type="submit" class="primary" disabled={change.busy}>
          {t('passwordChangeSubmit')}
        </button>
      </form>
    </Section>
  );
}
