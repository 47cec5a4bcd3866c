import type { ConsultationNotificationKind } from '../entities/notification.entity';

/** What a consultation notice's mail says about its round and addressee. */
export interface RoundMailFacts {
  kind: ConsultationNotificationKind;
  displayName: string;
  title: string;
  roundKind: 'hearing' | 'survey';
  organisationName: string;
  /** The addressee's deadline (Frist). */
  deadline: Date;
  link: string;
}

const WHEN = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "31. März 2027 um 23:59 Uhr" (German time). */
export function germanDeadline(d: Date): string {
  return `${WHEN.format(d).replace(', ', ' um ')} Uhr`;
}

/**
 * The mail of a consultation notice, in German, addressing the person with "Sie", with a link into the round.
 * Returns the subject and the text.
 */
export function consultationMail(f: RoundMailFacts): { subject: string; text: string } {
  const round = f.roundKind === 'hearing' ? 'Anhörung' : 'Abfrage';
  const title = `„${f.title}“`;
  const frist = germanDeadline(f.deadline);
  const lines = (subject: string, ...body: string[]) => ({
    subject,
    text: [`Guten Tag ${f.displayName},`, '', ...body, '', f.link, '', FOOTER].join('\n'),
  });
  switch (f.kind) {
    case 'consult_addressed':
      return lines(
        `Neue ${round}: ${title}`,
        `${f.organisationName} ist Adressat der ${round} ${title}.`,
        `Die Frist endet am ${frist}. Die Stellungnahme entwerfen Sie gemeinsam in runde; freigeben (Mitzeichnung) oder Fehlanzeige melden können die Administration und die Vertretung Ihrer Organisation.`,
      );
    case 'consult_reminder':
      return lines(
        `Erinnerung: Frist für ${title} endet am ${frist}`,
        `für ${f.organisationName} liegt zur ${round} ${title} noch keine Antwort vor. Die Frist endet am ${frist}.`,
        'Bitte geben Sie die Stellungnahme rechtzeitig frei oder melden Sie Fehlanzeige:',
      );
    case 'consult_extended':
      return lines(
        `Fristverlängerung: ${title}`,
        `die Frist von ${f.organisationName} für die ${round} ${title} wurde verlängert. Sie endet jetzt am ${frist}.`,
      );
    case 'consult_published':
      return lines(
        `Stellungnahmen veröffentlicht: ${title}`,
        `die Stellungnahmen zur ${round} ${title} sind veröffentlicht. Sie können sie jetzt in runde lesen.`,
      );
    case 'consult_released':
      return lines(
        `Stellungnahme freigegeben: ${f.organisationName} – ${title}`,
        `${f.organisationName} hat die Stellungnahme zur ${round} ${title} freigegeben.`,
      );
    case 'consult_nil_return':
      return lines(
        `Fehlanzeige: ${f.organisationName} – ${title}`,
        `${f.organisationName} hat zur ${round} ${title} Fehlanzeige gemeldet.`,
      );
  }
}

const FOOTER =
  'Diese Nachricht kommt von runde, der Plattform des Netzwerks Integration Baden-Württemberg. Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie in Ihrem Konto ein; Erinnerungen an Fristen erhalten Sie immer.';
