/**
 * What went wrong and what to do: the screens shown instead of a page, and the refusals of the api's validation
 * per problem (`problem_*`, worded by ../errors.ts), spread into ../i18n.ts. The refusals the api names with a
 * `reason` and the contract's codes are there (`reason_*`, `code_*`), beside the names of the fields (`field_*`).
 * The German addresses people as "Sie".
 */
export const errorsDe = {
  notFoundText:
    'Vielleicht ist der Link unvollständig oder veraltet, der Inhalt wurde gelöscht, oder Sie haben keinen Zugang dazu. Wenn Sie den Link von jemandem bekommen haben, fragen Sie dort bitte nach.',
  toOverview: 'Zur Übersicht',
  loadFailedTitle: 'Diese Seite konnte nicht geladen werden',
  partFailedTitle: 'Dieser Teil der Seite konnte nicht geladen werden',
  connectionLost:
    'Keine Verbindung zu runde. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es dann noch einmal.',
  reason_MALFORMED_ID: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist.',
  reason_DEADLINE_NOT_FUTURE: 'Die Frist muss in der Zukunft liegen. Bitte wählen Sie ein späteres Datum.',
  reason_DEADLINE_REQUIRED: 'Eine Anhörung braucht eine Frist. Bitte geben Sie Datum und Uhrzeit an.',
  reason_DEADLINE_ONLY_CONSULTATION: 'Nur eine Anhörung hat eine Frist.',
  code_CONFLICT:
    'Das wurde inzwischen geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  code_UNAUTHORIZED: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  // A refused invitation link (details: [{field: 'invitationToken', reason}])
  detail_invitationToken_invalid:
    'Diese Einladung ist nicht gültig. Bitte lassen Sie sich von der Leitung der Gruppe neu einladen.',
  detail_invitationToken_used:
    'Diese Einladung wurde schon angenommen. Bitte melden Sie sich mit Ihrem Konto an.',
  detail_invitationToken_expired:
    'Diese Einladung ist abgelaufen. Bitte lassen Sie sich von der Leitung der Gruppe neu einladen.',
  detail_invitationToken_email_mismatch:
    'Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte registrieren Sie sich mit der Adresse, an die die Einladung ging.',
  // One problem with one field; {field} is its name (field_*), {count} a limit
  problem_blank: 'Bitte füllen Sie „{field}“ aus.',
  problem_tooShort: '„{field}“ ist zu kurz. Bitte geben Sie mindestens {count} Zeichen ein.',
  problem_tooLong: '„{field}“ ist zu lang. Bitte kürzen Sie auf höchstens {count} Zeichen.',
  problem_email: 'Bitte geben Sie eine vollständige E-Mail-Adresse an, zum Beispiel name@kreis-beispiel.de.',
  problem_date: 'Bitte geben Sie für „{field}“ ein gültiges Datum mit Uhrzeit an.',
  problem_future: '„{field}“ muss in der Zukunft liegen. Bitte wählen Sie ein späteres Datum.',
  problem_choice: 'Bitte wählen Sie für „{field}“ einen der angebotenen Werte.',
  problem_number: 'Bitte geben Sie für „{field}“ eine Zahl im erlaubten Bereich an.',
  problem_other: 'Bitte prüfen Sie „{field}“.',
} as const;

export const errorsEn: Record<keyof typeof errorsDe, string> = {
  notFoundText:
    'The link may be incomplete or out of date, the content may have been deleted, or you may not have access to it. If someone sent you the link, please ask them about it.',
  toOverview: 'Go to the overview',
  loadFailedTitle: 'This page could not be loaded',
  partFailedTitle: 'This part of the page could not be loaded',
  connectionLost: 'No connection to runde. Please check your internet connection, then try again.',
  reason_MALFORMED_ID: 'This link is not valid. Please check that it is complete.',
  reason_DEADLINE_NOT_FUTURE: 'The deadline must be in the future. Please choose a later date.',
  reason_DEADLINE_REQUIRED: 'A consultation needs a deadline. Please enter a date and time.',
  reason_DEADLINE_ONLY_CONSULTATION: 'Only a consultation has a deadline.',
  code_CONFLICT: 'This has changed in the meantime. Please reload the page and try again.',
  code_UNAUTHORIZED: 'Your session has expired. Please sign in again.',
  detail_invitationToken_invalid:
    'This invitation is not valid. Please ask the group’s owner to invite you again.',
  detail_invitationToken_used: 'This invitation has already been accepted. Please sign in with your account.',
  detail_invitationToken_expired:
    'This invitation has expired. Please ask the group’s owner to invite you again.',
  detail_invitationToken_email_mismatch:
    'This invitation is for another email address. Please register with the address the invitation was sent to.',
  problem_blank: 'Please fill in “{field}”.',
  problem_tooShort: '“{field}” is too short. Please enter at least {count} characters.',
  problem_tooLong: '“{field}” is too long. Please shorten it to at most {count} characters.',
  problem_email: 'Please enter a complete email address, for example name@district-example.org.',
  problem_date: 'Please enter a valid date and time for “{field}”.',
  problem_future: '“{field}” must be in the future. Please choose a later date.',
  problem_choice: 'Please choose one of the offered values for “{field}”.',
  problem_number: 'Please enter a number in the allowed range for “{field}”.',
  problem_other: 'Please check “{field}”.',
};
