import { useEffect, useState } from 'preact/hooks';

/**
 * Whether a CSS media query matches, kept up to date (the draft screen shows its side panels as tabs on narrow
 * screens). The query should be one of the breakpoints in styles/responsive.css.
 */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/** Below this width the header folds into a menu and the draft's side panels become tabs (styles/responsive.css). */
export const NARROW = '(max-width: 63.9375rem)';
