/**
 * Texts of single sign-on (sign-in with an identity provider, the linking step, its errors), spread into
 * ../i18n.ts. "Sie" in German.
 */
export const ssoDe = {
  ssoSignInWith: 'Anmelden mit {provider}',
  ssoProvidersLabel: 'Anmeldung über Ihre Organisation',
  ssoOr: 'oder mit E-Mail-Adresse und Passwort',
  ssoOnlyIntro: 'Melden Sie sich mit dem Konto Ihrer Organisation an.',
  ssoDoneTitle: 'Anmeldung',
  ssoSigningIn: 'Sie werden angemeldet …',
  ssoLinkTitle: 'Konto verbinden',
  ssoLinkIntro:
    'Zu {email} gibt es in runde schon ein Konto. Geben Sie dessen Passwort einmal ein, um es mit {provider} zu verbinden. Danach melden Sie sich mit {provider} an.',
  ssoLinkSubmit: 'Konto verbinden und anmelden',
  ssoWrongPassword: 'Das Passwort stimmt nicht.',
  ssoBackToSignIn: 'Zurück zur Anmeldung',
  ssoErrorTitle: 'Anmeldung nicht möglich',
  ssoError_OIDC_CANCELLED: 'Die Anmeldung wurde beim Anbieter abgebrochen.',
  ssoError_OIDC_STATE_INVALID:
    'Die Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Bitte beginnen Sie sie neu.',
  ssoError_OIDC_CODE_INVALID:
    'Die Anmeldung ist abgelaufen oder wurde schon verwendet. Bitte melden Sie sich neu an.',
  ssoError_OIDC_TOKEN_INVALID:
    'Die Antwort des Anbieters ließ sich nicht prüfen; aus Sicherheitsgründen wurden Sie nicht angemeldet.',
  ssoError_OIDC_PROVIDER_ERROR: 'Der Anbieter hat die Anmeldung abgelehnt.',
  ssoError_OIDC_PROVIDER_UNAVAILABLE:
    'Der Anbieter ist gerade nicht erreichbar. Bitte versuchen Sie es später.',
  ssoError_OIDC_EMAIL_MISSING: 'Der Anbieter hat keine E-Mail-Adresse übermittelt.',
  ssoError_OIDC_EMAIL_UNVERIFIED: 'Der Anbieter hat Ihre E-Mail-Adresse nicht bestätigt.',
  ssoError_OIDC_ACCOUNT_NOT_LINKABLE:
    'Zu dieser E-Mail-Adresse gibt es ein Konto ohne Passwort; es lässt sich nicht verbinden. Wenden Sie sich an die Betreuung von runde.',
  ssoError_OIDC_ALREADY_LINKED: 'Dieses Konto ist schon mit einem anderen Konto des Anbieters verbunden.',
  ssoError_RATE_LIMITED: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  ssoError_other: 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  passwordSigninOff:
    'Die Anmeldung mit Passwort ist hier abgeschaltet; melden Sie sich über Ihre Organisation an.',
};

export const ssoEn: Record<keyof typeof ssoDe, string> = {
  ssoSignInWith: 'Sign in with {provider}',
  ssoProvidersLabel: 'Sign in through your organisation',
  ssoOr: 'or with email address and password',
  ssoOnlyIntro: 'Sign in with your organisation’s account.',
  ssoDoneTitle: 'Sign in',
  ssoSigningIn: 'Signing you in …',
  ssoLinkTitle: 'Link your account',
  ssoLinkIntro:
    'runde already has an account for {email}. Enter its password once to link it to {provider}. From then on you sign in with {provider}.',
  ssoLinkSubmit: 'Link account and sign in',
  ssoWrongPassword: 'The password is wrong.',
  ssoBackToSignIn: 'Back to sign-in',
  ssoErrorTitle: 'Sign-in not possible',
  ssoError_OIDC_CANCELLED: 'The sign-in was cancelled at the provider.',
  ssoError_OIDC_STATE_INVALID: 'The sign-in expired or was started in another browser. Please start again.',
  ssoError_OIDC_CODE_INVALID: 'The sign-in expired or was used already. Please sign in again.',
  ssoError_OIDC_TOKEN_INVALID:
    'The provider’s answer could not be verified; for your safety you were not signed in.',
  ssoError_OIDC_PROVIDER_ERROR: 'The provider refused the sign-in.',
  ssoError_OIDC_PROVIDER_UNAVAILABLE: 'The provider cannot be reached right now. Please try again later.',
  ssoError_OIDC_EMAIL_MISSING: 'The provider sent no email address.',
  ssoError_OIDC_EMAIL_UNVERIFIED: 'The provider has not verified your email address.',
  ssoError_OIDC_ACCOUNT_NOT_LINKABLE:
    'An account without a password has this email address; it cannot be linked. Please contact runde’s support.',
  ssoError_OIDC_ALREADY_LINKED: 'This account is linked to another account of the provider already.',
  ssoError_RATE_LIMITED: 'Too many attempts. Please wait a moment.',
  ssoError_other: 'The sign-in failed. Please try again.',
  passwordSigninOff: 'Signing in with a password is turned off here; sign in through your organisation.',
};
