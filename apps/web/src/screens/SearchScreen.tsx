import { useEffect, useState } from 'preact/hooks';
import { ErrorView, Loading, useAction } from '../components/common';
import { api, type Page } from '../lib/api';
import { formatTime, t, useLocale, type MessageKey } from '../lib/i18n';
import { sanitizeSnippet } from '../lib/markdown';
import { navigate } from '../lib/router';
import type { SearchHit } from '../lib/types';

/** What each kind of hit is called, and where it leads. */
const HIT_LABEL: Record<SearchHit['type'], MessageKey> = {
  thread: 'hit_thread',
  post: 'hit_post',
  draft: 'hit_draft',
};

function hitHref(hit: SearchHit): string {
  if (hit.type === 'draft') return `#/drafts/${hit.id}`;
  return `#/threads/${hit.threadId ?? hit.id}${hit.seq ? `?seq=${hit.seq}` : ''}`;
}

/**
 * Full-text search. Snippets come as plain text (the api strips Markdown) in HTML with <mark> around the matches,
 * and are sanitized to exactly that.
 */
export function SearchScreen({ q }: { q: string }) {
  useLocale();
  const [input, setInput] = useState(q);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fetchPage = async (after: string | null) => {
    const page = await api<Page<SearchHit>>(
      'GET',
      `/search?q=${encodeURIComponent(q)}&limit=20${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
    );
    setHits((prev) => [...(after && prev ? prev : []), ...page.items]);
    setCursor(page.nextCursor);
  };
  useEffect(() => {
    if (!q) return;
    fetchPage(null).catch(setError);
  }, [q]);
  const more = useAction(() => fetchPage(cursor));

  return (
    <div class="page">
      <h1>{t('searchTitle')}</h1>
      <form
        role="search"
        class="row search-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) navigate(`/search?q=${encodeURIComponent(input.trim())}`);
        }}
      >
        <label for="search-q">{t('searchLabel')}</label>
        <input
          id="search-q"
          type="search"
          value={input}
          maxLength={200}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t('searchButton')}
        </button>
      </form>
      {error !== null && <ErrorView error={error} level={2} />}
      {q && !hits && error === null && <Loading />}
      {hits && (
        <section aria-labelledby="search-results-title">
          <h2 id="search-results-title">
            {hits.length ? t('searchResults', { q }) : t('searchEmpty', { q })}
          </h2>
          <ol class="search-hits">
            {hits.map((hit) => (
              <li key={`${hit.type}-${hit.id}`} class="card">
                <p class="meta">
                  {t(HIT_LABEL[hit.type])} · <time dateTime={hit.createdAt}>{formatTime(hit.createdAt)}</time>
                </p>
                <h3 class="card-title">
                  <a href={hitHref(hit)}>{hit.title}</a>
                </h3>
                <p class="snippet" dangerouslySetInnerHTML={{ __html: sanitizeSnippet(hit.snippet) }} />
              </li>
            ))}
          </ol>
          {cursor && (
            <button type="button" disabled={more.busy} onClick={() => void more.run()}>
              {t('loadMore')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
