import { consultationMail, germanDeadline } from './consultation-mails';

describe('consultation mails', () => {
  const facts = {
    displayName: 'Clara Amtsleitung',
    title: 'Eckpunkte Integrationsmanagement 2027',
    roundKind: 'hearing' as const,
    organisationName: 'Landkreis Sigmaringen',
    deadline: new Date('2027-03-31T21:59:00Z'),
    link: 'https://runde.example/#/consultations/42',
  };

  it('gives the Frist in German time', () => {
    expect(germanDeadline(new Date('2027-03-31T21:59:00Z'))).toBe('31. März 2027 um 23:59 Uhr');
    expect(germanDeadline(new Date('2027-01-15T11:00:00Z'))).toBe('15. Januar 2027 um 12:00 Uhr');
  });

  it('a reminder: salutation with Sie, the organisation, the Frist and the link', () => {
    const mail = consultationMail({ ...facts, kind: 'consult_reminder' });
    expect(mail.subject).toBe(
      'Erinnerung: Frist für „Eckpunkte Integrationsmanagement 2027“ endet am 31. März 2027 um 23:59 Uhr',
    );
    expect(mail.text.split('\n').slice(0, 3)).toEqual([
      'Guten Tag Clara Amtsleitung,',
      '',
      'für Landkreis Sigmaringen liegt zur Anhörung „Eckpunkte Integrationsmanagement 2027“ noch keine Antwort vor. Die Frist endet am 31. März 2027 um 23:59 Uhr.',
    ]);
    expect(mail.text).toContain(
      'Bitte geben Sie die Stellungnahme rechtzeitig frei oder melden Sie Fehlanzeige:',
    );
    expect(mail.text).toContain('\nhttps://runde.example/#/consultations/42\n');
    expect(mail.text).not.toMatch(/\b(du|dein|dich)\b/i);
  });

  it('every kind has a subject of its own', () => {
    const kinds = [
      'consult_addressed',
      'consult_reminder',
      'consult_extended',
      'consult_published',
      'consult_released',
      'consult_nil_return',
    ] as const;
    const subjects = kinds.map((kind) => consultationMail({ ...facts, kind }).subject);
    expect(new Set(subjects).size).toBe(kinds.length);
    expect(subjects[0]).toBe('Neue Anhörung: „Eckpunkte Integrationsmanagement 2027“');
    expect(subjects[5]).toBe('Fehlanzeige: Landkreis Sigmaringen – „Eckpunkte Integrationsmanagement 2027“');
  });
});
