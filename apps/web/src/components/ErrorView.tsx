import { errorMessage, isNotFound } from '../lib/errors';
import { t, useLocale } from '../lib/i18n';

/**
 * What is shown instead of a page (`level` 1) or of a part of one (2) that could not be loaded: what happened,
 * and what the person can do (try again, go to the overview). A link that leads nowhere is the 404 page.
 */
export function ErrorView({
  error,
  onRetry,
  level = 1,
}: {
  error: unknown;
  onRetry?: () => void;
  level?: 1 | 2;
}) {
  useLocale();
  if (level === 1 && isNotFound(error)) return <NotFound />;
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div class="notice error error-view" role={level === 1 ? undefined : 'alert'}>
      <Heading>{t(level === 1 ? 'loadFailedTitle' : 'partFailedTitle')}</Heading>
      <p>{errorMessage(error)}</p>
      {(onRetry || level === 1) && (
        <p class="row wrap">
          {onRetry && !isNotFound(error) && (
            <button type="button" onClick={onRetry}>
              {t('retry')}
            </button>
          )}
          {level === 1 && <a href="#/">{t('toOverview')}</a>}
        </p>
      )}
    </div>
  );
}

/** The 404 page: an unknown route, a broken link, or something this person may not see (the api says 404 alike). */
export function NotFound() {
  useLocale();
  return (
    <div class="page not-found">
      <h1>{t('notFound')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <a href="#/">{t('toOverview')}</a>
      </p>
    </div>
  );
}
