import { useEffect, useRef, useState } from 'preact/hooks';
import { useId } from '../../components/common';
import { t } from '../../lib/i18n';
import { linkAllowed } from '../../lib/rich-editor/commands';
import '../../styles/dialog.css';

/**
 * Asks for a link's address (a modal <dialog>: Escape cancels, focus returns to the editor). Only web and mail
 * addresses are taken; an empty address removes the link.
 */
export function LinkDialog(props: {
  initial: string;
  onApply: (href: string) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId('link');
  const [href, setHref] = useState(props.initial);
  const [invalid, setInvalid] = useState(false);
  const onCancel = useRef(props.onCancel);
  onCancel.current = props.onCancel;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    inputRef.current?.focus();
    inputRef.current?.select();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancel.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  const submit = (e: Event) => {
    e.preventDefault();
    const value = href.trim();
    if (value && !linkAllowed(value)) return setInvalid(true);
    props.onApply(value);
  };
  return (
    <dialog ref={ref} class="confirm-dialog link-dialog" aria-labelledby={`${id}-title`}>
      <form onSubmit={submit} class="stack">
        <h2 id={`${id}-title`}>{t('linkTitle')}</h2>
        <label for={`${id}-href`}>{t('linkAddress')}</label>
        <input
          id={`${id}-href`}
          ref={inputRef}
          type="text"
          inputMode="url"
          value={href}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onInput={(e) => (setHref((e.target as HTMLInputElement).value), setInvalid(false))}
        />
        {invalid && (
          <p id={`${id}-error`} class="form-error" role="alert">
            {t('linkInvalid')}
          </p>
        )}
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onCancel()}>
            {t('cancel')}
          </button>
          {props.initial && (
            <button type="button" onClick={() => props.onApply('')}>
              {t('linkRemove')}
            </button>
          )}
          <button type="submit" class="primary">
            {t('linkApply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
