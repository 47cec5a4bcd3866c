import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n';
import { FormError, useId } from './common';
import '../styles/dialog.css';

/**
 * Asks before a step that is hard or impossible to undo. A native modal `<dialog>`: the page behind it is inert,
 * Escape cancels, focus starts on "Abbrechen" (the safe choice) and goes back to where it was when the dialog
 * closes. Mount it while the question is open; `onConfirm` runs the step (the dialog stays open while `busy`,
 * and shows the refusal if it fails), `onCancel` closes without doing anything.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  danger?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId('confirm');
  const onCancel = useRef(props.onCancel);
  onCancel.current = props.onCancel;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    // Escape: the browser would close the dialog by itself; the caller decides instead.
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancel.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`confirm-dialog${props.danger ? ' danger' : ''}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div id={`${id}-text`}>{props.children}</div>
      <FormError error={props.error} />
      <div class="dialog-buttons">
        <button type="button" ref={cancelRef} onClick={() => props.onCancel()}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class={props.danger ? 'danger-button' : 'primary'}
          disabled={props.busy}
          onClick={() => props.onConfirm()}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
