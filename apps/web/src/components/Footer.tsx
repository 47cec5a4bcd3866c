import { useEffect, useState } from 'preact/hooks';
import { locale, t, useLocale } from '../lib/i18n';
import '../styles/footer.css';

interface Links {
  accessibility: string;
  imprint: string | null;
  privacy: string | null;
}

/** The statement is always there; imprint and privacy only where the installation names them (GET /meta). */
const FALLBACK: Links = { accessibility: '/barrierefreiheit', imprint: null, privacy: null };

let loaded: Promise<Links> | null = null;

function loadLinks(): Promise<Links> {
  loaded ??= fetch('/api/v1/meta')
    .then((r) => (r.ok ? (r.json() as Promise<{ links?: Partial<Links> }>) : {}))
    .then((b: { links?: Partial<Links> }) => ({ ...FALLBACK, ...b.links }))
    .catch(() => FALLBACK);
  return loaded;
}

/** A URL of the server (the statement): in English with `?lang=en`. Outside links stay as they are. */
function inLanguage(href: string): string {
  if (locale() !== 'en' || !href.startsWith('/')) return href;
  return `${href}${href.includes('?') ? '&' : '?'}lang=en`;
}

/**
 * Every page's footer: the accessibility statement (BITV 2.0; a server page, so a full page load that works
 * without JavaScript), the imprint and the privacy notice.
 */
export function Footer() {
  useLocale();
  const [links, setLinks] = useState<Links>(FALLBACK);
  useEffect(() => {
    let live = true;
    void loadLinks().then((l) => live && setLinks(l));
    return () => {
      live = false;
    };
  }, []);
  return (
    <footer class="app-footer">
      <nav aria-label={t('footerNav')}>
        <ul>
          <li>
            <a href={inLanguage(links.accessibility)}>{t('footerAccessibility')}</a>
          </li>
          {links.imprint && (
            <li>
              <a href={links.imprint}>{t('footerImprint')}</a>
            </li>
          )}
          {links.privacy && (
            <li>
              <a href={links.privacy}>{t('footerPrivacy')}</a>
            </li>
          )}
        </ul>
      </nav>
    </footer>
  );
}
