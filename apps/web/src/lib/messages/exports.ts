/**
 * The draft's export panel (screens/draft/Exports.tsx): the documents with Randnummern, and what the api's refusals
 * of them mean (`reason_EXPORT_*`). Spread into ../i18n.ts. The German addresses people as "Sie".
 */
export const exportsDe = {
  exportAsText: 'Der Text, wie er geschrieben ist:',
  exportAsDocument:
    'Als Dokument mit Randnummern (Rn.), Überschriften, Listen und Tabellen; offene Kommentare und Änderungsvorschläge stehen im Anhang:',
  exportDocx: 'Word (DOCX)',
  exportOdt: 'OpenDocument (ODT)',
  exportPdf: 'PDF',
  exportPreparing: 'Das Dokument wird erstellt. Das kann einige Sekunden dauern.',
  reason_EXPORT_UNAVAILABLE:
    'ODT- und PDF-Dateien können auf diesem Server gerade nicht erstellt werden. Bitte laden Sie das Word-Dokument (DOCX) herunter, oder wenden Sie sich an die Stelle, die runde betreibt.',
  reason_EXPORT_BUSY:
    'Gerade werden viele Dokumente erstellt. Bitte versuchen Sie es in einer Minute noch einmal.',
  reason_EXPORT_TIMEOUT:
    'Das Erstellen des Dokuments hat zu lange gedauert. Bitte versuchen Sie es später noch einmal, oder laden Sie das Word-Dokument (DOCX) herunter.',
  reason_EXPORT_FAILED:
    'Das Dokument konnte nicht erstellt werden. Bitte versuchen Sie es noch einmal, oder laden Sie das Word-Dokument (DOCX) herunter.',
} as const;

export const exportsEn: Record<keyof typeof exportsDe, string> = {
  exportAsText: 'The text as it is written:',
  exportAsDocument:
    'As a document with paragraph numbers (Rn.), headings, lists and tables; open comments and suggestions are in the appendix:',
  exportDocx: 'Word (DOCX)',
  exportOdt: 'OpenDocument (ODT)',
  exportPdf: 'PDF',
  exportPreparing: 'The document is being prepared. This can take a few seconds.',
  reason_EXPORT_UNAVAILABLE:
    'ODT and PDF files cannot be made on this server at the moment. Please download the Word document (DOCX), or contact whoever runs runde.',
  reason_EXPORT_BUSY: 'Many documents are being prepared right now. Please try again in a minute.',
  reason_EXPORT_TIMEOUT:
    'Preparing the document took too long. Please try again later, or download the Word document (DOCX).',
  reason_EXPORT_FAILED:
    'The document could not be prepared. Please try again, or download the Word document (DOCX).',
};
