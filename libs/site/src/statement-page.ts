/**
 * The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 / EN 301 549) as a server-rendered page
 * in German and English, with the feedback form. Plain HTML with the app's own stylesheet-free inline-free
 * markup, readable without JavaScript.
 */

export type Lang = 'de' | 'en';

export interface PageLinks {
  imprintUrl: string | null;
  privacyUrl: string | null;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXT = {
  de: {
    title: 'Erklärung zur Barrierefreiheit',
    intro:
      'Die Betreiber von runde sind bemüht, ihre Web-Anwendung im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der Europäischen Norm EN 301 549 (WCAG 2.1, Stufe AA) barrierefrei zugänglich zu machen.',
    stateHeading: 'Stand der Vereinbarkeit',
    state:
      'Diese Anwendung ist weitgehend mit den genannten Anforderungen vereinbar. Alle Bildschirme werden bei jeder Änderung automatisiert mit axe-core geprüft (keine schwerwiegenden Verstöße), sind mit der Tastatur bedienbar, funktionieren ab 360 Pixel Breite und vermitteln Informationen nicht allein über Farbe; Karten und Diagramme haben eine Tabellenansicht.',
    gapsHeading: 'Nicht barrierefreie Inhalte',
    gaps: [
      'Exportierte PDF-Dokumente sind mit Tags versehen; komplexe Tabellen in Exporten können von Screenreadern unterschiedlich vorgelesen werden.',
      'Im gemeinsamen Editor werden die Cursor anderer Personen farbig dargestellt; ihre Namen stehen zusätzlich als Text daneben.',
    ],
    prepHeading: 'Erstellung dieser Erklärung',
    prep: 'Diese Erklärung beruht auf einer Selbstbewertung und den automatisierten Prüfungen der Anwendung.',
    feedbackHeading: 'Feedback und Kontakt',
    feedback:
      'Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann teilen Sie uns diese bitte über das folgende Formular mit. Ihre Meldung erreicht die Administration der Plattform.',
    message: 'Ihre Meldung (Pflichtfeld)',
    page: 'Betroffene Seite oder Funktion',
    contact: 'Ihre E-Mail-Adresse oder Telefonnummer für Rückfragen (freiwillig)',
    send: 'Meldung senden',
    enforcementHeading: 'Schlichtungsverfahren',
    enforcement:
      'Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die zuständige Ombudsstelle für barrierefreie Informationstechnik des Landes wenden.',
    thanks: 'Vielen Dank. Ihre Meldung ist eingegangen und wird von der Administration bearbeitet.',
    invalid: 'Bitte beschreiben Sie die Barriere (höchstens 5.000 Zeichen).',
    tooMany: 'Sie haben in kurzer Zeit viele Meldungen gesendet. Bitte versuchen Sie es später erneut.',
    other: 'English',
    imprint: 'Impressum',
    privacy: 'Datenschutz',
    home: 'Zur Anwendung',
  },
  en: {
    title: 'Accessibility statement',
    intro:
      'The operators of runde strive to make their web application accessible in accordance with the German accessibility ordinance (BITV 2.0) and the European standard EN 301 549 (WCAG 2.1, level AA).',
    stateHeading: 'Compliance status',
    state:
      'This application is largely compliant with these requirements. Every screen is checked automatically with axe-core on each change (no serious violations), can be used with the keyboard, works from 360 pixels wide and does not convey information by colour alone; maps and charts have a table view.',
    gapsHeading: 'Non-accessible content',
    gaps: [
      'Exported PDF documents are tagged; complex tables in exports may be read differently by screen readers.',
      'In the shared editor, other people’s cursors are shown in colour; their names are shown next to them as text.',
    ],
    prepHeading: 'Preparation of this statement',
    prep: 'This statement is based on a self-assessment and the application’s automated checks.',
    feedbackHeading: 'Feedback and contact',
    feedback:
      'Have you noticed a barrier? Please tell us using the form below. Your report reaches the platform’s administrators.',
    message: 'Your report (required)',
    page: 'Affected page or function',
    contact: 'Your e-mail address or phone number for questions (optional)',
    send: 'Send report',
    enforcementHeading: 'Enforcement procedure',
    enforcement:
      'If your feedback does not lead to a satisfactory solution, you may turn to the Land’s ombudsperson for accessible information technology.',
    thanks: 'Thank you. Your report has been received and will be handled by the administrators.',
    invalid: 'Please describe the barrier (at most 5,000 characters).',
    tooMany: 'You have sent many reports in a short time. Please try again later.',
    other: 'Deutsch',
    imprint: 'Imprint',
    privacy: 'Privacy',
    home: 'To the application',
  },
} as const;

export type Notice = 'thanks' | 'invalid' | 'tooMany' | null;

export function statementPage(
  lang: Lang,
  links: PageLinks,
  notice: Notice = null,
  values: Record<string, string> = {},
): string {
  const t = TEXT[lang];
  const other = lang === 'de' ? '/barrierefreiheit?lang=en' : '/barrierefreiheit';
  const footer = [
    `<a href="/">${t.home}</a>`,
    links.imprintUrl ? `<a href="${esc(links.imprintUrl)}">${t.imprint}</a>` : '',
    links.privacyUrl ? `<a href="${esc(links.privacyUrl)}">${t.privacy}</a>` : '',
    `<a href="${other}" lang="${lang === 'de' ? 'en' : 'de'}">${t.other}</a>`,
  ]
    .filter(Boolean)
    .join(' · ');
  const message =
    notice === 'thanks'
      ? `<p role="status" class="notice">${t.thanks}</p>`
      : notice
        ? `<p role="alert" class="notice error">${t[notice]}</p>`
        : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} – runde</title>
<link rel="stylesheet" href="/barrierefreiheit.css">
</head>
<body>
<header><a href="/" class="brand">runde</a></header>
<main id="inhalt">
<h1>${t.title}</h1>
${message}
<p>${t.intro}</p>
<h2>${t.stateHeading}</h2>
<p>${t.state}</p>
<h2>${t.gapsHeading}</h2>
<ul>${t.gaps.map((g) => `<li>${g}</li>`).join('')}</ul>
<h2>${t.prepHeading}</h2>
<p>${t.prep}</p>
<h2 id="feedback">${t.feedbackHeading}</h2>
<p>${t.feedback}</p>
<form method="post" action="/barrierefreiheit${lang === 'en' ? '?lang=en' : ''}#feedback">
<label for="message">${t.message}</label>
<textarea id="message" name="message" rows="6" maxlength="5000" required>${esc(values.message ?? '')}</textarea>
<label for="page">${t.page}</label>
<input id="page" name="page" maxlength="500" value="${esc(values.page ?? '')}">
<label for="contact">${t.contact}</label>
<input id="contact" name="contact" maxlength="320" autocomplete="email" value="${esc(values.contact ?? '')}">
<button type="submit">${t.send}</button>
</form>
<h2>${t.enforcementHeading}</h2>
<p>${t.enforcement}</p>
</main>
<footer>${footer}</footer>
</body>
</html>
`;
}

export const STATEMENT_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,footer{padding:.75rem 1rem;background:#f3f4f6}main{max-width:48rem;margin:0 auto;padding:1rem}
.brand{font-weight:700;color:#0b4f8a}a{color:#0b4f8a}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f0a500;outline-offset:2px}
label{display:block;margin-top:1rem;font-weight:600}input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
button{margin-top:1rem;font:inherit;padding:.5rem 1rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
.notice{padding:.75rem;border-left:4px solid #0b6b2e;background:#eef7f0}.notice.error{border-color:#a00;background:#fbeeee}
`;
