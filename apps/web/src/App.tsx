import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AppHeader } from './components/AppHeader';
import { ErrorView, Loading, NotFound } from './components/common';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Footer } from './components/Footer';
import { t, useLocale } from './lib/i18n';
import { closeRealtime, realtime } from './lib/live';
import { match, navigate, useRoute } from './lib/router';
import { session } from './lib/session';
import { AccountScreen } from './screens/AccountScreen';
import { ConsultationScreen } from './screens/consultations/ConsultationScreen';
import { ConsultationsScreen, GroupConsultationsScreen } from './screens/consultations/ConsultationsScreen';
import { MyConsultationsScreen } from './screens/consultations/MyConsultationsScreen';
import { NewConsultationScreen } from './screens/consultations/NewConsultationScreen';
import { GroupScreen } from './screens/GroupScreen';
import { GroupsScreen } from './screens/GroupsScreen';
import { LoginScreen, RegisterScreen } from './screens/AuthScreens';
import { OidcDoneScreen } from './screens/OidcScreens';
import { ForgotPasswordScreen, ResetPasswordScreen } from './screens/PasswordResetScreens';
import { ModerationScreen } from './screens/ModerationScreen';
import { NewRoundScreen } from './screens/needs/NewRoundScreen';
import { RadarScreen } from './screens/needs/RadarScreen';
import { ReportViewScreen } from './screens/needs/ReportEntries';
import { ReportScreen } from './screens/needs/ReportScreen';
import { RulesScreen } from './screens/needs/RulesScreen';
import { NotificationsScreen } from './screens/NotificationsScreen';
import { OrganisationScreen } from './screens/organisations/OrganisationScreen';
import { OrganisationsScreen } from './screens/organisations/OrganisationsScreen';
import { OverviewScreen } from './screens/overview/OverviewScreen';
import { SearchScreen } from './screens/SearchScreen';
import { ThreadScreen } from './screens/ThreadScreen';
import { TopicScreen } from './screens/TopicScreen';

function useSession() {
  const [, force] = useState(0);
  useEffect(() => session.onChange(() => force((n) => n + 1)), []);
  return session;
}

export function App() {
  const s = useSession();
  useLocale();
  const route = useRoute();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void session.restore().finally(() => setReady(true));
  }, []);

  useEffect(() => {
    if (s.signedIn) realtime();
    else closeRealtime();
  }, [s.signedIn]);

  // After each navigation, move focus to the new page's heading as soon as it is there (keyboard and screen
  // reader users land on it), unless the person has meanwhile put the focus somewhere in the page.
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = (): boolean => {
      const h1 = main.querySelector('h1');
      if (!h1) return false;
      const active = document.activeElement;
      if (active && active !== document.body && active !== main && main.contains(active)) return true;
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [route.path, ready, s.signedIn]);

  if (!ready) {
    return (
      <main id="main" ref={mainRef}>
        <p role="status">{t('loading')}</p>
      </main>
    );
  }

  const publicRoute =
    route.path === '/login' ||
    route.path === '/register' ||
    route.path === '/password-reset' ||
    route.path === '/auth/oidc-done';
  if (!s.signedIn && !publicRoute) {
    return (
      <Shell mainRef={mainRef}>
        <LoginScreen expired={s.expired} />
      </Shell>
    );
  }
  // An invitation or a password reset link works whoever is signed in here.
  if (s.signedIn && publicRoute && !route.query.get('invitation') && !route.query.get('token')) {
    navigate('/', true);
    return null;
  }

  return (
    <Shell mainRef={mainRef}>
      <Screen path={route.path} query={route.query} />
    </Shell>
  );
}

function Screen({ path, query }: { path: string; query: URLSearchParams }) {
  let m: Record<string, string> | null;
  if (path === '/login') return <LoginScreen expired={false} />;
  if (path === '/auth/oidc-done') return <OidcDoneScreen query={query} />;
  if (path === '/register') return <RegisterScreen invitation={query.get('invitation')} />;
  if (path === '/password-reset') {
    const token = query.get('token');
    return token ? <ResetPasswordScreen token={token} /> : <ForgotPasswordScreen />;
  }
  if (path === '/') return <OverviewScreen />;
  if (path === '/groups') return <GroupsScreen />;
  if ((m = match('/groups/:id/moderation', path))) return <ModerationScreen key={m.id} groupId={m.id} />;
  if ((m = match('/groups/:id/consultations', path)))
    return <GroupConsultationsScreen key={m.id} groupId={m.id} />;
  if ((m = match('/groups/:id/consultations/new', path)))
    return <NewConsultationScreen key={m.id} groupId={m.id} />;
  if (path === '/consultations') return <ConsultationsScreen />;
  if (path === '/my-consultations') return <MyConsultationsScreen />;
  if ((m = match('/consultations/:id', path)))
    return <ConsultationScreen key={m.id} id={m.id} view="board" />;
  if ((m = match('/consultations/:id/evaluation', path)))
    return <ConsultationScreen key={m.id} id={m.id} view="evaluation" />;
  if ((m = match('/consultations/:id/synopsis', path)))
    return <ConsultationScreen key={m.id} id={m.id} view="synopsis" />;
  if (path === '/bedarfe') return <RadarScreen />;
  if (path === '/bedarfe/melden')
    return (
      <ReportScreen
        key={`${query.get('round') ?? ''}-${query.get('org') ?? ''}`}
        roundId={query.get('round')}
        orgId={query.get('org')}
      />
    );
  if (path === '/bedarfe/runden/neu') return <NewRoundScreen />;
  if (path === '/bedarfe/regeln') return <RulesScreen />;
  if ((m = match('/bedarfe/meldungen/:id', path))) return <ReportViewScreen key={m.id} id={m.id} />;
  if ((m = match('/groups/:id', path))) return <GroupScreen key={m.id} groupId={m.id} />;
  if ((m = match('/topics/:id', path))) return <TopicScreen key={m.id} topicId={m.id} />;
  if ((m = match('/threads/:id', path)))
    return <ThreadScreen key={m.id} threadId={m.id} focusSeq={Number(query.get('seq')) || null} />;
  if ((m = match('/drafts/:id', path))) return <LazyDraft key={m.id} draftId={m.id} />;
  if (path === '/account') return <AccountScreen />;
  if (path === '/organisations') return <OrganisationsScreen />;
  if ((m = match('/organisations/:id', path))) return <OrganisationScreen key={m.id} id={m.id} />;
  if (path === '/notifications') return <NotificationsScreen />;
  if (path === '/search') return <SearchScreen key={query.get('q') ?? ''} q={query.get('q') ?? ''} />;
  return <NotFound />;
}

/** The co-editor (CodeMirror, Yjs) loads only when a draft is opened. */
function LazyDraft({ draftId }: { draftId: string }) {
  const [screen, setScreen] = useState<null | ((p: { draftId: string }) => JSX.Element | null)>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    import('./screens/DraftScreen').then((m) => setScreen(() => m.DraftScreen), setFailed);
  }, []);
  if (failed) return <ErrorView error={failed} />;
  if (!screen) return <Loading />;
  const DraftScreen = screen;
  return <DraftScreen draftId={draftId} />;
}

function Shell({
  children,
  mainRef,
}: {
  children: ComponentChildren;
  mainRef: { current: HTMLElement | null };
}) {
  useLocale();
  const signedIn = session.signedIn;
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('skipToContent')}
      </a>
      <AppHeader />
      {signedIn && <ConnectionBanner />}
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}
