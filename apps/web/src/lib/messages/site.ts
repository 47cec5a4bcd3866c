/**
 * What a public body's web offering needs around the app (libs/site on the server): the footer with the
 * accessibility statement, imprint and privacy links, and the private calendar feed of deadlines on the account
 * page. Spread into ../i18n.ts; "Sie" in German.
 */
export const siteDe = {
  footerNav: 'Rechtliches und Barrierefreiheit',
  footerAccessibility: 'Barrierefreiheit',
  footerImprint: 'Impressum',
  footerPrivacy: 'Datenschutz',
  // Account: the calendar feed
  calendarSection: 'Kalender abonnieren',
  calendarIntro:
    'Die Fristen, die Sie betreffen (Anhörungen Ihrer Organisation, Berichtszeiträume, Entwürfe in Ihren Gruppen), als Kalender-Abonnement für Outlook, Thunderbird oder Ihr Telefon. Verschobene Fristen folgen von selbst.',
  calendarSecret:
    'Die Adresse ist geheim: Wer sie kennt, sieht Ihre Fristen, ohne sich anzumelden. Geben Sie sie nicht weiter. Erzeugen Sie eine neue Adresse, wenn sie in falsche Hände geraten sein könnte; die alte funktioniert dann nicht mehr.',
  calendarNone: 'Sie haben noch kein Kalender-Abonnement.',
  calendarActiveSince: 'Ihr Kalender-Abonnement besteht seit {date}.',
  calendarHidden:
    'Die Adresse wird aus Sicherheitsgründen nur direkt nach dem Erzeugen angezeigt. Erzeugen Sie eine neue Adresse, wenn Sie sie noch einmal brauchen.',
  calendarCreate: 'Kalender-Adresse erzeugen',
  calendarRenew: 'Neue Adresse erzeugen',
  calendarRenewConfirm:
    'Eine neue Adresse erzeugen? Die bisherige funktioniert dann nicht mehr; Kalender, die sie abonniert haben, erhalten keine Fristen mehr.',
  calendarRenewYes: 'Ja, neue Adresse erzeugen',
  calendarRevoke: 'Abonnement beenden',
  calendarRevokeConfirm:
    'Das Abonnement beenden? Die Adresse funktioniert dann nicht mehr; Ihre Kalender erhalten keine Fristen mehr.',
  calendarRevokeYes: 'Ja, beenden',
  calendarRevoked: 'Das Abonnement ist beendet. Die Adresse funktioniert nicht mehr.',
  calendarUrl: 'Ihre Kalender-Adresse',
  calendarUrlHint: 'Fügen Sie diese Adresse in Ihrem Kalender als Abonnement (Internetkalender) hinzu.',
  calendarCopy: 'Adresse kopieren',
  calendarCopied: 'Die Adresse ist in der Zwischenablage.',
  calendarCopyFailed: 'Kopieren ging nicht. Markieren Sie die Adresse und kopieren Sie sie selbst.',
  calendarCreated: 'Die Kalender-Adresse ist erzeugt.',
} as const;

export const siteEn: Record<keyof typeof siteDe, string> = {
  footerNav: 'Legal and accessibility',
  footerAccessibility: 'Accessibility',
  footerImprint: 'Imprint',
  footerPrivacy: 'Privacy',
  calendarSection: 'Subscribe to a calendar',
  calendarIntro:
    'The deadlines that concern you (consultations of your organisation, reporting periods, drafts in your groups) as a calendar subscription for Outlook, Thunderbird or your phone. Moved deadlines follow by themselves.',
  calendarSecret:
    'The address is secret: anyone who knows it sees your deadlines without signing in. Do not pass it on. Create a new address if it may have fallen into the wrong hands; the old one then stops working.',
  calendarNone: 'You have no calendar subscription yet.',
  calendarActiveSince: 'Your calendar subscription exists since {date}.',
  calendarHidden:
    'For security the address is shown only right after it is created. Create a new address if you need it again.',
  calendarCreate: 'Create calendar address',
  calendarRenew: 'Create a new address',
  calendarRenewConfirm:
    'Create a new address? The current one stops working; calendars subscribed to it receive no more deadlines.',
  calendarRenewYes: 'Yes, create a new address',
  calendarRevoke: 'End subscription',
  calendarRevokeConfirm:
    'End the subscription? The address stops working; your calendars receive no more deadlines.',
  calendarRevokeYes: 'Yes, end it',
  calendarRevoked: 'The subscription has ended. The address no longer works.',
  calendarUrl: 'Your calendar address',
  calendarUrlHint: 'Add this address to your calendar as a subscription (internet calendar).',
  calendarCopy: 'Copy address',
  calendarCopied: 'The address is on the clipboard.',
  calendarCopyFailed: 'Copying did not work. Select the address and copy it yourself.',
  calendarCreated: 'The calendar address has been created.',
};
