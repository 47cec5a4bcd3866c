import type { AriaAttributes, ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors';
import { t, useLocale } from '../lib/i18n';
import { renderMarkdown, type MentionContext } from '../lib/markdown';
import type { Person } from '../lib/types';

/** Loads data when `deps` change; `reload()` loads again. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useRef(0);
  const reload = useCallback(() => {
    const id = ++run.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => id === run.current && setState({ data, loading: false }),
      (error: unknown) => id === run.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(() => reload(), [reload]);
  return { ...state, reload, setData: (data: T) => setState({ data, loading: false }) };
}

export { errorMessage };
export { ErrorView, NotFound } from './ErrorView';

export function Loading() {
  useLocale();
  return (
    <p class="muted" role="status">
      {t('loading')}
    </p>
  );
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="form-error" role="alert">
      {errorMessage(error)}
    </p>
  );
}

export function personName(person: Person | null | undefined): string {
  if (!person || person.deleted || !person.displayName) return t('deletedAccount');
  return person.displayName;
}

/** Rendered Markdown; `mentions` names the people mentioned as `@<id>`. Rendered again only when those change. */
export function Markdown(props: { source: string; class?: string; mentions?: MentionContext }) {
  const { source, mentions } = props;
  const html = useMemo(() => renderMarkdown(source, mentions), [source, mentions?.people, mentions?.me]);
  return <div class={`markdown ${props.class ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

let uid = 0;
/** A stable id for label/for pairs. */
export function useId(prefix = 'f'): string {
  const ref = useRef<string | undefined>(undefined);
  if (!ref.current) ref.current = `${prefix}-${++uid}`;
  return ref.current;
}

/**
 * The Markdown composer: a labelled textarea with a "Preview" tab rendering exactly what readers will see
 * (same sanitizer). Ctrl/Cmd+Enter submits. The textarea grows with its text up to half the window's height,
 * then scrolls. `onKeyDown` sees keys first (a key it handles, with preventDefault, goes no further);
 * `textareaAttrs` adds ARIA attributes and `children` follow the textarea (a suggestion list).
 */
export function MarkdownInput(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  onSubmit?: () => void;
  onKeyActivity?: () => void;
  rows?: number;
  required?: boolean;
  disabled?: boolean;
  textareaRef?: { current: HTMLTextAreaElement | null };
  name?: string;
  mentions?: MentionContext;
  onKeyDown?: (e: KeyboardEvent) => void;
  textareaAttrs?: AriaAttributes;
  children?: ComponentChildren;
}) {
  useLocale();
  const id = useId('md');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  // After sending (the text is cleared) the next post starts in the writing tab.
  useEffect(() => {
    if (!props.value) setTab('write');
  }, [props.value === '']);
  useLayoutEffect(() => {
    if (tab === 'write' && textarea.current) growToFit(textarea.current);
  }, [props.value, tab]);
  return (
    <div class="md-input">
      <div class="md-head">
        <label for={id}>{props.label}</label>
        <div class="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            id={`${id}-tab-write`}
            aria-selected={tab === 'write'}
            aria-controls={`${id}-panel-write`}
            onClick={() => setTab('write')}
          >
            {t('write')}
          </button>
          <button
            type="button"
            role="tab"
            id={`${id}-tab-preview`}
            aria-selected={tab === 'preview'}
            aria-controls={`${id}-panel-preview`}
            onClick={() => setTab('preview')}
          >
            {t('preview')}
          </button>
        </div>
      </div>
      <div
        id={`${id}-panel-write`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-write`}
        hidden={tab !== 'write'}
      >
        <textarea
          id={id}
          name={props.name}
          {...props.textareaAttrs}
          ref={(el) => {
            textarea.current = el;
            if (props.textareaRef) props.textareaRef.current = el;
          }}
          rows={props.rows ?? 4}
          value={props.value}
          required={props.required}
          disabled={props.disabled}
          maxLength={20000}
          aria-describedby={`${id}-hint`}
          onInput={(e) => {
            props.onInput((e.target as HTMLTextAreaElement).value);
            props.onKeyActivity?.();
          }}
          onKeyDown={(e) => {
            props.onKeyDown?.(e);
            if (e.defaultPrevented) return;
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && props.onSubmit) {
              e.preventDefault();
              props.onSubmit();
            }
          }}
        />
        {props.children}
        <p class="hint" id={`${id}-hint`}>
          {t('markdownHint')}
        </p>
      </div>
      <div
        id={`${id}-panel-preview`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-preview`}
        hidden={tab !== 'preview'}
        class="preview"
        tabIndex={0}
      >
        {props.value.trim() ? (
          <Markdown source={props.value} mentions={props.mentions} />
        ) : (
          <p class="muted">{t('previewEmpty')}</p>
        )}
      </div>
    </div>
  );
}

/** A textarea as tall as its text (at least its rows), at most half the window; beyond that it scrolls. */
function growToFit(el: HTMLTextAreaElement): void {
  const max = Math.max(160, Math.round(window.innerHeight * 0.5));
  const borders = el.offsetHeight - el.clientHeight;
  el.style.height = 'auto';
  const wanted = el.scrollHeight + borders;
  el.style.height = `${Math.min(wanted, max)}px`;
  el.style.overflowY = wanted > max ? 'auto' : 'hidden';
}

export function Section(props: {
  title: string;
  children: ComponentChildren;
  class?: string;
  level?: 2 | 3;
}) {
  const id = useId('sec');
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby={id} class={props.class}>
      <H id={id}>{props.title}</H>
      {props.children}
    </section>
  );
}

/** Runs an async action from a form or button: tracks busy state and the error. */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn(...args);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/**
 * A form folded away under its summary (`<details class="create-box">`). Submitting runs `action`; its error is
 * shown above the buttons. The buttons are one primary submit button labelled `submit` unless `buttons` are given;
 * `after` follows the form inside the box.
 */
export function CreateBox(props: {
  summary: string;
  action: { run: () => Promise<boolean>; busy: boolean; error: unknown };
  submit?: string;
  buttons?: ComponentChildren;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <details class="create-box">
      <summary>{props.summary}</summary>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void props.action.run();
        }}
      >
        {props.children}
        <FormError error={props.action.error} />
        {props.buttons ?? (
          <button type="submit" class="primary" disabled={props.action.busy}>
            {props.submit}
          </button>
        )}
      </form>
      {props.after}
    </details>
  );
}

/**
 * A labelled text input (`<div class="field">`), a textarea of that many `rows` when given: `onValue` gets the text
 * as typed; a `hint` is shown below it and announced with it.
 */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  rows?: number;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const common = {
    id: props.id,
    required: props.required,
    minLength: props.minLength,
    maxLength: props.maxLength,
    'aria-describedby': hintId,
    value: props.value,
    onInput: (e: Event) => props.onValue((e.target as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.rows ? (
        <textarea rows={props.rows} {...common} />
      ) : (
        <input
          // Preact types `type` as a discriminant per input kind; these three share every attribute used here.
          type={(props.type ?? 'text') as 'text'}
          autoComplete={props.autoComplete}
          {...common}
        />
      )}
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}
