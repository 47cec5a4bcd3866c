import { useEffect, useState } from 'preact/hooks';

/** How long a media query must keep its new answer before the page follows it. */
const SETTLE_MS = 150;

/**
 * Whether a CSS media query matches, kept up to date (the draft screen shows its side panels as tabs on narrow
 * screens). The query should be one of the breakpoints in styles/responsive.css. A change is followed once it has
 * held for SETTLE_MS: the viewport flickers through other sizes while the browser zooms, rotates or takes a
 * full-page screenshot, and switching the layout there and back would close what is open in the side panels (a
 * confirmation, a comparison) — the full suite caught it.
 */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setMatches(list.matches), SETTLE_MS);
    };
    setMatches(list.matches);
    list.addEventListener('change', onChange);
    return () => {
      clearTimeout(timer);
      list.removeEventListener('change', onChange);
    };
  }, [query]);
  return matches;
}

/** Below this width the header folds into a menu and the draft's side panels become tabs (styles/responsive.css). */
export const NARROW = '(max-width: 63.9375rem)';
