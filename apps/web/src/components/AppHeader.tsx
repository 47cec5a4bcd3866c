import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { locale, setLocale, t, useLocale } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { session } from '../lib/session';
import { useConsultationRoles } from '../screens/consultations/nav';
import { useNeedsRoles } from '../screens/needs/nav';
import { useOrganisationNav } from '../screens/organisations/nav';
import { Bell } from './Bell';

/** The main navigation's entries: the start page first; "current" for the page each one is. */
const NAV = [
  { href: '#/', key: 'navOverview', current: (path: string) => path === '/' },
  { href: '#/groups', key: 'navGroups', current: (path: string) => path === '/groups' },
  {
    // One entry: a group's owners land on their rounds (which link to their organisation's), the people of an
    // organisation on the rounds addressed to it.
    href: '#/consultations',
    hrefMine: '#/my-consultations',
    key: 'navConsultations',
    current: (path: string) => path === '/consultations' || path === '/my-consultations',
    only: true,
  },
  { href: '#/account', key: 'navAccount', current: (path: string) => path === '/account' },
] as const;

/**
 * The needs radar's entry, for everyone in an organisation: one entry (the navigation's row must still fit beside
 * the search at 64rem); the radar leads reporters on to their Bedarfsmeldung.
 */
const NEEDS_NAV = [
  {
    href: '#/bedarfe',
    key: 'navNeeds',
    current: (path: string) => path === '/bedarfe' || path.startsWith('/bedarfe/'),
    only: 'radar',
  },
] as const;

/**
 * The page's header. On wide screens (64rem and more) two rows, however many entries the person has: the brand,
 * the bell and the settings above, the navigation's entries and the search below (styles/header.css). On narrow
 * ones the brand, the bell and a "Menu" button stay, and the button opens the navigation, search and settings
 * below the bar (a disclosure: a real button with aria-expanded; Escape closes it and returns to the button; it
 * closes itself when the page changes).
 */
export function AppHeader() {
  useLocale();
  const route = useRoute();
  const signedIn = session.signedIn;
  const consultationRoles = useConsultationRoles();
  const needsRoles = useNeedsRoles();
  const organisationHref = useOrganisationNav();
  const other = locale() === 'de' ? 'en' : 'de';
  // Open on the page where it was opened: following a link or searching closes it in the same render.
  const here = `${route.path}?${route.query.toString()}`;
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = signedIn && openOn === here;
  const setOpen = (next: boolean) => setOpenOn(next ? here : null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      if (menuRef.current?.contains(document.activeElement)) buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header class={`app-header${signedIn ? ' signed-in' : ''}`}>
      <div class="brand">
        <a href="#/" class="logo">
          {t('appName')}
        </a>
        <span class="tagline">{t('appTagline')}</span>
      </div>
      {signedIn && (
        <div class="header-bell">
          <Bell />
        </div>
      )}
      {signedIn && (
        <button
          type="button"
          ref={buttonRef}
          class="menu-button"
          aria-expanded={open}
          aria-controls="header-menu"
          onClick={() => setOpen(!open)}
        >
          <svg
            aria-hidden="true"
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          >
            {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
          {t('menu')}
        </button>
      )}
      <div id="header-menu" ref={menuRef} class={`header-menu${open ? ' open' : ''}`}>
        {signedIn && (
          <nav aria-label={t('mainNav')} class="main-nav">
            <ul class="nav-links">
              {NAV.filter(
                (entry) => !('only' in entry) || consultationRoles.owner || consultationRoles.organisation,
              ).map((entry) => (
                <li key={entry.href}>
                  <a
                    href={'hrefMine' in entry && !consultationRoles.owner ? entry.hrefMine : entry.href}
                    aria-current={entry.current(route.path) ? 'page' : undefined}
                  >
                    {t(entry.key)}
                  </a>
                </li>
              ))}
              {NEEDS_NAV.filter((entry) => needsRoles[entry.only]).map((entry) => (
                <li key={entry.href}>
                  <a href={entry.href} aria-current={entry.current(route.path) ? 'page' : undefined}>
                    {t(entry.key)}
                  </a>
                </li>
              ))}
              {organisationHref && (
                <li>
                  <a
                    href={organisationHref}
                    aria-current={route.path.startsWith('/organisations') ? 'page' : undefined}
                  >
                    {t('navOrganisation')}
                  </a>
                </li>
              )}
            </ul>
            <form
              role="search"
              class="header-search"
              onSubmit={(e) => {
                e.preventDefault();
                const q = new FormData(e.currentTarget).get('q')?.toString().trim();
                if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
              }}
            >
              <label for="header-q" class="visually-hidden">
                {t('searchLabel')}
              </label>
              <input id="header-q" name="q" type="search" placeholder={t('navSearch')} />
              <button type="submit">{t('searchButton')}</button>
            </form>
          </nav>
        )}
        <div class="header-tools">
          <button
            type="button"
            class="link-button"
            lang={other}
            aria-label={t('switchLanguageLabel')}
            onClick={() => {
              setLocale(other);
              // Mails (invitations, notices) follow the same choice; not worth an error if it fails.
              if (session.signedIn) void api('PATCH', '/me', { locale: other }).catch(() => undefined);
            }}
          >
            {t('switchLanguage')}
          </button>
          {signedIn && (
            <>
              <span class="whoami" title={t('signedInAs', { name: session.user?.displayName ?? '' })}>
                {t('signedInAs', { name: session.user?.displayName ?? '' })}
              </span>
              <button type="button" class="link-button" onClick={() => void session.signOut()}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
