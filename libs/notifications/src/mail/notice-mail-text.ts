import type { NotificationCategory } from '@runde/identity';
import type { NotificationKind } from '../entities/notification.entity';

export type MailLocale = 'de' | 'en';

/** What a notice's mail (or its line in a digest) says. */
export interface NoticeFacts {
  kind: NotificationKind;
  /** The actor's name; null when nobody (or a deleted account) acted. */
  actor: string | null;
  /** The thread's or draft's title, the organisation's name, or what a needs signal says. */
  title: string;
  /** Consultation notices: the round's title. */
  consultationTitle?: string | null;
  link: string;
}

const q = (locale: MailLocale, text: string) => (locale === 'de' ? `„${text}“` : `“${text}”`);

/** One sentence naming what happened: the subject of a notice's mail, and its line in a digest. */
export function noticeLine(f: NoticeFacts, locale: MailLocale): string {
  const t = q(locale, f.title);
  const who = f.actor ?? (locale === 'de' ? 'Jemand' : 'Someone');
  const round = q(locale, f.consultationTitle ?? '');
  const de: Record<NotificationKind, string> = {
    mention: `${who} hat Sie in ${t} erwähnt`,
    reply: `${who} hat in ${t} auf Ihren Beitrag geantwortet`,
    followed_thread: `Neuer Beitrag von ${who} in ${t}`,
    draft_comment: `${who} hat den Entwurf ${t} kommentiert`,
    draft_suggestion: `${who} hat eine Änderung am Entwurf ${t} vorgeschlagen`,
    draft_reply: `${who} hat auf einen Kommentar im Entwurf ${t} geantwortet`,
    suggestion_accepted: `Ihr Änderungsvorschlag zum Entwurf ${t} wurde angenommen`,
    suggestion_rejected: `Ihr Änderungsvorschlag zum Entwurf ${t} wurde abgelehnt`,
    post_flagged: `Ein Beitrag in ${t} wurde gemeldet`,
    post_hidden: `Ihr Beitrag in ${t} wurde ausgeblendet`,
    post_unhidden: `Ihr Beitrag in ${t} ist wieder sichtbar`,
    org_request: `${who} möchte ${f.title} angehören`,
    org_confirmed: `Ihre Zugehörigkeit zu ${f.title} ist bestätigt`,
    org_declined: `Ihre Anfrage an ${f.title} wurde abgelehnt`,
    org_role_changed: `Ihre Rolle bei ${f.title} wurde geändert`,
    org_removed: `Sie gehören ${f.title} nicht mehr an`,
    consult_addressed: `Neue Anhörung an ${f.title}: ${round}`,
    consult_reminder: `Erinnerung an die Frist von ${f.title}: ${round}`,
    consult_extended: `Frist von ${f.title} verlängert: ${round}`,
    consult_published: `Stellungnahmen veröffentlicht: ${round}`,
    consult_released: `${f.title} hat die Stellungnahme zu ${round} freigegeben`,
    consult_nil_return: `${f.title} hat zu ${round} Fehlanzeige gemeldet`,
    needs_signal: `Neues Signal im Bedarfsradar: ${f.title}`,
  };
  const en: Record<NotificationKind, string> = {
    mention: `${who} mentioned you in ${t}`,
    reply: `${who} replied to your post in ${t}`,
    followed_thread: `New post by ${who} in ${t}`,
    draft_comment: `${who} commented on the draft ${t}`,
    draft_suggestion: `${who} suggested a change to the draft ${t}`,
    draft_reply: `${who} replied to a comment on the draft ${t}`,
    suggestion_accepted: `Your suggestion on the draft ${t} was accepted`,
    suggestion_rejected: `Your suggestion on the draft ${t} was rejected`,
    post_flagged: `A post in ${t} was flagged`,
    post_hidden: `Your post in ${t} was hidden`,
    post_unhidden: `Your post in ${t} is visible again`,
    org_request: `${who} asks to belong to ${f.title}`,
    org_confirmed: `You now belong to ${f.title}`,
    org_declined: `Your request to ${f.title} was declined`,
    org_role_changed: `Your role at ${f.title} changed`,
    org_removed: `You no longer belong to ${f.title}`,
    consult_addressed: `New consultation for ${f.title}: ${round}`,
    consult_reminder: `Reminder of the deadline of ${f.title}: ${round}`,
    consult_extended: `Deadline of ${f.title} extended: ${round}`,
    consult_published: `Statements published: ${round}`,
    consult_released: `${f.title} released its statement on ${round}`,
    consult_nil_return: `${f.title} reported nothing to add on ${round}`,
    needs_signal: `New signal on the needs radar: ${f.title}`,
  };
  return (locale === 'de' ? de : en)[f.kind];
}

/** The mail of one notice: salutation ("Sie"), what happened, the post's text where there is one, the link. */
export function noticeMail(
  f: NoticeFacts & { displayName: string; excerpt: string | null },
  locale: MailLocale,
): { subject: string; text: string } {
  const subject = noticeLine(f, locale);
  const lines = [
    locale === 'de' ? `Guten Tag ${f.displayName},` : `Hello ${f.displayName},`,
    '',
    `${subject}.`,
  ];
  if (f.excerpt) lines.push('', ...quote(f.excerpt));
  lines.push('', locale === 'de' ? `Öffnen in runde: ${f.link}` : `Open in runde: ${f.link}`);
  return { subject, text: lines.join('\n') };
}

/** The digest: one line per notice, in the order they happened, grouped by nothing but time. */
export function digestMail(
  items: Array<{ line: string; link: string }>,
  cadence: 'daily' | 'weekly',
  displayName: string,
  locale: MailLocale,
  overview: string,
): { subject: string; text: string } {
  const n = items.length;
  const subject =
    locale === 'de'
      ? `${cadence === 'daily' ? 'Ihre tägliche' : 'Ihre wöchentliche'} Übersicht aus runde: ${n} ${n === 1 ? 'Benachrichtigung' : 'Benachrichtigungen'}`
      : `Your ${cadence} summary from runde: ${n} ${n === 1 ? 'notification' : 'notifications'}`;
  const intro =
    locale === 'de'
      ? `hier ist, was seit ${cadence === 'daily' ? 'der letzten Übersicht' : 'der letzten Wochenübersicht'} für Sie geschehen ist:`
      : `here is what happened for you since your last ${cadence === 'daily' ? 'summary' : 'weekly summary'}:`;
  const lines = [locale === 'de' ? `Guten Tag ${displayName},` : `Hello ${displayName},`, '', intro, ''];
  for (const item of items) lines.push(`• ${item.line}`, `  ${item.link}`);
  lines.push('', locale === 'de' ? `Alle Benachrichtigungen: ${overview}` : `All notifications: ${overview}`);
  return { subject, text: lines.join('\n') };
}

/** How a category is named in the footer ("…because you chose mails for …"). */
export const CATEGORY_NAMES: Record<NotificationCategory, Record<MailLocale, string>> = {
  mentions: { de: 'Erwähnungen', en: 'mentions' },
  replies: { de: 'Antworten auf Ihre Beiträge', en: 'replies to your posts' },
  followedThreads: { de: 'Beiträge in Themen, denen Sie folgen', en: 'posts in threads you follow' },
  drafts: { de: 'Strategieentwürfe', en: 'strategy drafts' },
  moderation: { de: 'Moderation', en: 'moderation' },
  organisation: { de: 'Ihre Organisation', en: 'your organisation' },
  consultations: { de: 'Anhörungen und Abfragen', en: 'consultations' },
  needs: { de: 'Signale des Bedarfsradars', en: 'signals of the needs radar' },
};

/** The footer of every notice mail: why it came, how to stop it, and (replyable mails) how replying works. */
export function mailFooter(
  categories: NotificationCategory[],
  unsubscribeUrl: string,
  settingsLink: string,
  replyable: boolean,
  locale: MailLocale,
): string {
  const names = categories.map((c) => CATEGORY_NAMES[c][locale]).join(', ');
  const lines = ['', '-- '];
  if (locale === 'de') {
    if (replyable)
      lines.push(
        'Sie können direkt auf diese E-Mail antworten: Ihre Antwort erscheint als Beitrag im Thema (ohne Zitat und Signatur).',
      );
    lines.push(
      `Sie erhalten diese E-Mail, weil Sie in runde E-Mails zu „${names}“ gewählt haben.`,
      `Mit einem Klick abbestellen: ${unsubscribeUrl}`,
      `Einstellungen: ${settingsLink}`,
    );
  } else {
    if (replyable)
      lines.push(
        'You can reply to this e-mail: your reply appears as a post in the thread (without quote and signature).',
      );
    lines.push(
      `You receive this e-mail because you chose e-mails about ${names} in runde.`,
      `Unsubscribe with one click: ${unsubscribeUrl}`,
      `Settings: ${settingsLink}`,
    );
  }
  return lines.join('\n');
}

function quote(text: string): string[] {
  const short = text.length > 1500 ? `${text.slice(0, 1500).trimEnd()} …` : text;
  return short.split('\n').map((l) => `> ${l}`.trimEnd());
}
