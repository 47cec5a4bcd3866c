import type { Mail } from '../mail/mailer';

interface Recipient {
  email: string;
  displayName: string;
  locale: string;
}

/** The mail with the link to set a new password, in the person's language (German unless they chose English). */
export function passwordResetMail(to: Recipient, link: string, validMinutes: number): Mail {
  if (to.locale === 'en') {
    return {
      to: to.email,
      subject: 'Set a new password (runde)',
      text: [
        `Hello ${to.displayName},`,
        ``,
        `someone asked to set a new password for your runde account. To do so, open this link`,
        `(valid for ${validMinutes} minutes, once):`,
        link,
        ``,
        `If it was not you, ignore this mail: your password stays as it is.`,
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: 'Neues Passwort festlegen (runde)',
    text: [
      `Guten Tag ${to.displayName},`,
      ``,
      `für Ihr Konto bei runde wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest`,
      `(${validMinutes} Minuten gültig, nur einmal verwendbar):`,
      link,
      ``,
      `Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.`,
    ].join('\n'),
  };
}

/** After a change or reset: the person learns of it, and what to do if it was not them. */
export function passwordChangedMail(to: Recipient, signInLink: string): Mail {
  if (to.locale === 'en') {
    return {
      to: to.email,
      subject: 'Your password was changed (runde)',
      text: [
        `Hello ${to.displayName},`,
        ``,
        `the password of your runde account has just been changed; other devices were signed out.`,
        `If it was not you, set a new password at once ("Forgot your password?" on the sign-in page):`,
        signInLink,
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: 'Ihr Passwort wurde geändert (runde)',
    text: [
      `Guten Tag ${to.displayName},`,
      ``,
      `das Passwort Ihres Kontos bei runde wurde soeben geändert; andere Geräte wurden abgemeldet.`,
      `Falls Sie das nicht waren, legen Sie bitte sofort ein neues Passwort fest („Passwort vergessen?“ auf der`,
      `Anmeldeseite):`,
      signInLink,
    ].join('\n'),
  };
}
