/**
 * Texts of the account basics (password change, forgotten password, signed-in devices, notification settings),
 * spread into ../i18n.ts. "Sie" in German.
 */
export const accountDe = {
  // Forgotten password (sign-in page) and the page of the link in the mail
  forgotPasswordLink: 'Passwort vergessen?',
  forgotTitle: 'Passwort vergessen',
  forgotIntro:
    'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen. Der Link ist 60 Minuten gültig und nur einmal verwendbar.',
  forgotSubmit: 'Link anfordern',
  forgotSent:
    'Falls zu {email} ein Konto besteht, ist eine E-Mail mit dem Link unterwegs. Sehen Sie bitte auch im Spam-Ordner nach.',
  backToSignIn: 'Zurück zur Anmeldung',
  resetTitle: 'Neues Passwort festlegen',
  resetIntro:
    'Legen Sie ein neues Passwort für Ihr Konto fest. Danach sind Sie auf allen Geräten abgemeldet und melden sich mit dem neuen Passwort an.',
  resetSubmit: 'Passwort festlegen',
  resetDone: 'Ihr Passwort wurde geändert. Melden Sie sich jetzt mit dem neuen Passwort an.',
  requestNewLink: 'Neuen Link anfordern',
  newPassword: 'Neues Passwort',
  newPasswordRepeat: 'Neues Passwort wiederholen',
  passwordsDiffer: 'Die beiden neuen Passwörter stimmen nicht überein.',
  // Account: password
  passwordSection: 'Passwort ändern',
  passwordNotSetIntro:
    'Ihr Konto hat kein Passwort: Sie melden sich über den Anmeldedienst Ihrer Behörde an. Wenn Sie zusätzlich ein Passwort möchten, legen Sie es über „Passwort vergessen?“ auf der Anmeldeseite fest.',
  deleteWithoutPassword:
    'Ihr Konto hat kein Passwort. Zur Bestätigung genügt eine Anmeldung über den Anmeldedienst Ihrer Behörde, die nicht länger als 10 Minuten zurückliegt.',
  deleteSignInAgain: 'Abmelden und erneut anmelden',
  reason_RECENT_SIGN_IN_REQUIRED:
    'Ihre Anmeldung liegt länger als 10 Minuten zurück. Melden Sie sich bitte erneut über den Anmeldedienst an; danach können Sie Ihr Konto 10 Minuten lang löschen.',
  passwordChangeIntro:
    'Nach der Änderung sind Sie auf allen anderen Geräten abgemeldet; dieses bleibt angemeldet.',
  currentPassword: 'Aktuelles Passwort',
  passwordChangeSubmit: 'Passwort ändern',
  passwordChanged: 'Ihr Passwort wurde geändert. Alle anderen Geräte wurden abgemeldet.',
  // Account: signed-in devices
  devicesSection: 'Angemeldete Geräte',
  devicesIntro:
    'Auf diesen Geräten sind Sie angemeldet. Melden Sie Geräte ab, die Sie nicht kennen oder nicht mehr nutzen.',
  deviceThis: 'Dieses Gerät',
  deviceUnknown: 'Unbekanntes Gerät',
  deviceOn: '{browser} auf {system}',
  deviceSignedInAt: 'Angemeldet seit {time}',
  deviceLastUsed: 'Zuletzt aktiv: {time}',
  deviceSignOut: 'Abmelden',
  deviceSignOutLabel: 'Abmelden: {device}, zuletzt aktiv {time}',
  deviceSignedOut: '{device} wurde abgemeldet.',
  devicesSignOutOthers: 'Alle anderen abmelden',
  devicesSignedOutOthers: 'Alle anderen Geräte wurden abgemeldet.',
  devicesOnlyThis: 'Sie sind nur auf diesem Gerät angemeldet.',
  devicesMore: 'Weitere Geräte anzeigen',
  // Account: notification settings
  notificationSettingsSection: 'Benachrichtigungen',
  notificationSettingsIntro:
    'Wählen Sie, worüber runde Sie benachrichtigt: in der App (Glocke und Liste) und zusätzlich per E-Mail.',
  notificationSettingsEmailNote:
    'E-Mails kommen sofort oder gesammelt als tägliche oder wöchentliche Übersicht (morgens um 7 Uhr, wöchentlich montags). Jede E-Mail hat einen Link zum Abbestellen.',
  notifyInApp: 'In der App',
  notifyEmail: 'Per E-Mail',
  notifyDelivery: 'Zustellung',
  delivery_immediate: 'sofort',
  delivery_daily: 'täglich gesammelt',
  delivery_weekly: 'wöchentlich gesammelt',
  notificationSettingsSaved: 'Einstellung gespeichert.',
  category_mentions: 'Erwähnungen (@Name)',
  category_replies: 'Antworten auf Ihre Beiträge',
  category_followedThreads: 'Diskussionen und Themen, denen Sie folgen',
  category_drafts: 'Entwürfe (Kommentare, Vorschläge, Entscheidungen)',
  category_moderation: 'Moderation (Meldungen, ausgeblendete Beiträge)',
  category_organisation: 'Ihre Organisation (Anfragen, Bestätigungen, Rollen)',
  category_consultations: 'Anhörungen (neue Runden, Erinnerungen, Fristverlängerungen, Veröffentlichung)',
  // Refusals the api explains with a `reason`
  reason_CURRENT_PASSWORD_WRONG: 'Das aktuelle Passwort stimmt nicht.',
  reason_PASSWORD_NOT_SET:
    'Ihr Konto hat kein Passwort, weil Sie sich über den Anmeldedienst Ihrer Behörde anmelden. Legen Sie bitte zuerst über „Passwort vergessen?“ auf der Anmeldeseite ein Passwort fest.',
  reason_PASSWORD_UNCHANGED: 'Das neue Passwort muss sich vom aktuellen unterscheiden.',
  reason_PASSWORD_TOO_SHORT: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
  reason_PASSWORD_TOO_LONG: 'Das Passwort darf höchstens 200 Zeichen lang sein.',
  reason_PASSWORD_TOO_SIMPLE: 'Das Passwort muss mindestens 4 verschiedene Zeichen enthalten.',
  reason_PASSWORD_TOO_COMMON: 'Dieses Passwort ist zu verbreitet. Wählen Sie bitte ein anderes.',
  reason_PASSWORD_CONTAINS_EMAIL: 'Das Passwort darf den Namen Ihrer E-Mail-Adresse nicht enthalten.',
  reason_RESET_LINK_INVALID: 'Dieser Link ist ungültig. Fordern Sie bitte einen neuen an.',
  reason_RESET_LINK_USED: 'Dieser Link wurde bereits verwendet. Fordern Sie bei Bedarf einen neuen an.',
  reason_RESET_LINK_EXPIRED: 'Dieser Link ist abgelaufen. Fordern Sie bitte einen neuen an.',
  reason_SESSION_ENDED: 'Sie wurden auf diesem Gerät abgemeldet. Melden Sie sich bitte erneut an.',
} as const;

export const accountEn: Record<keyof typeof accountDe, string> = {
  forgotPasswordLink: 'Forgot your password?',
  forgotTitle: 'Forgot your password',
  forgotIntro:
    'Enter the email address of your account. You will receive a link to set a new password. The link works once, for 60 minutes.',
  forgotSubmit: 'Send link',
  forgotSent:
    'If there is an account for {email}, an email with the link is on its way. Please also check your spam folder.',
  backToSignIn: 'Back to sign-in',
  resetTitle: 'Set a new password',
  resetIntro:
    'Set a new password for your account. Afterwards you are signed out on every device and sign in with the new password.',
  resetSubmit: 'Set password',
  resetDone: 'Your password has been changed. Sign in with the new password now.',
  requestNewLink: 'Request a new link',
  newPassword: 'New password',
  newPasswordRepeat: 'Repeat the new password',
  passwordsDiffer: 'The two new passwords differ.',
  passwordSection: 'Change password',
  passwordNotSetIntro:
    'Your account has no password: you sign in through your authority’s sign-in service. If you want a password as well, set one with “Forgot password?” on the sign-in page.',
  deleteWithoutPassword:
    'Your account has no password. To confirm, a sign-in through your authority’s sign-in service within the last 10 minutes is enough.',
  deleteSignInAgain: 'Sign out and sign in again',
  reason_RECENT_SIGN_IN_REQUIRED:
    'You signed in more than 10 minutes ago. Please sign in again through the sign-in service; then you can delete your account for 10 minutes.',
  passwordChangeIntro: 'After the change you are signed out on every other device; this one stays signed in.',
  currentPassword: 'Current password',
  passwordChangeSubmit: 'Change password',
  passwordChanged: 'Your password has been changed. Every other device has been signed out.',
  devicesSection: 'Signed-in devices',
  devicesIntro: 'You are signed in on these devices. Sign out devices you do not know or no longer use.',
  deviceThis: 'This device',
  deviceUnknown: 'Unknown device',
  deviceOn: '{browser} on {system}',
  deviceSignedInAt: 'Signed in since {time}',
  deviceLastUsed: 'Last active: {time}',
  deviceSignOut: 'Sign out',
  deviceSignOutLabel: 'Sign out: {device}, last active {time}',
  deviceSignedOut: '{device} has been signed out.',
  devicesSignOutOthers: 'Sign out all others',
  devicesSignedOutOthers: 'Every other device has been signed out.',
  devicesOnlyThis: 'You are signed in on this device only.',
  devicesMore: 'Show more devices',
  notificationSettingsSection: 'Notifications',
  notificationSettingsIntro:
    'Choose what runde notifies you about: in the app (bell and list) and also by email.',
  notificationSettingsEmailNote:
    'Emails come at once or collected in a daily or weekly digest (at 7 in the morning, weekly on Mondays). Every email has a link to unsubscribe.',
  notifyInApp: 'In the app',
  notifyEmail: 'By email',
  notifyDelivery: 'Delivery',
  delivery_immediate: 'at once',
  delivery_daily: 'daily digest',
  delivery_weekly: 'weekly digest',
  notificationSettingsSaved: 'Setting saved.',
  category_mentions: 'Mentions (@name)',
  category_replies: 'Replies to your posts',
  category_followedThreads: 'Discussions and topics you follow',
  category_drafts: 'Drafts (comments, suggestions, decisions)',
  category_moderation: 'Moderation (flags, hidden posts)',
  category_organisation: 'Your organisation (requests, confirmations, roles)',
  category_consultations: 'Consultations (new rounds, reminders, extensions, publication)',
  reason_CURRENT_PASSWORD_WRONG: 'The current password is wrong.',
  reason_PASSWORD_NOT_SET:
    'Your account has no password because you sign in through your authority’s sign-in service. Please set one first with “Forgot password?” on the sign-in page.',
  reason_PASSWORD_UNCHANGED: 'The new password must differ from the current one.',
  reason_PASSWORD_TOO_SHORT: 'The password must be at least 10 characters long.',
  reason_PASSWORD_TOO_LONG: 'The password may be at most 200 characters long.',
  reason_PASSWORD_TOO_SIMPLE: 'The password must contain at least 4 different characters.',
  reason_PASSWORD_TOO_COMMON: 'This password is too common. Please choose another one.',
  reason_PASSWORD_CONTAINS_EMAIL: 'The password must not contain the name of your email address.',
  reason_RESET_LINK_INVALID: 'This link is not valid. Please request a new one.',
  reason_RESET_LINK_USED: 'This link has been used already. Request a new one if you need to.',
  reason_RESET_LINK_EXPIRED: 'This link has expired. Please request a new one.',
  reason_SESSION_ENDED: 'You have been signed out on this device. Please sign in again.',
};
