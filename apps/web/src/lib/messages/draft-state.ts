/**
 * The draft's status line (screens/draft/DraftState.tsx): how edits travel, why the text is read-only, and the
 * last saved revision. Spread into ../i18n.ts. The German addresses people as "Sie".
 */
export const draftStateDe = {
  liveMode: 'Live: Änderungen aller Beteiligten erscheinen sofort.',
  restMode:
    'Eingeschränkter Modus: Änderungen werden gespeichert und zusammengeführt, aber nicht zeichengenau live.',
  saved: 'Gespeichert',
  saving: 'Wird gespeichert…',
  draftLocked: 'Nur lesen: In diesem Arbeitsstand kann der Text nicht bearbeitet werden.',
  draftLocked_consultation:
    'Nur lesen: Während der Anhörung bleibt der Text, wie er ist. Kommentare und Änderungsvorschläge sind bis zum Ende der Frist möglich.',
  draftLocked_adopted: 'Nur lesen: Der Entwurf ist beschlossen, sein Text ist endgültig.',
  draftLocked_archived: 'Nur lesen: Der Entwurf ist archiviert.',
  draftReadOnlyRole:
    'Nur lesen: Mit Ihrer Rolle können Sie den Text lesen, aber nicht bearbeiten. Änderungen anderer erscheinen hier von selbst.',
  revisionLatest: 'Fassung {number}, gespeichert am {time}',
  revisionChangedSince: 'seitdem geändert',
  revisionNone: 'Noch keine gespeicherte Fassung',
} as const;

export const draftStateEn: Record<keyof typeof draftStateDe, string> = {
  liveMode: 'Live: everyone’s changes appear at once.',
  restMode: 'Limited mode: changes are saved and merged, but not shown live keystroke by keystroke.',
  saved: 'Saved',
  saving: 'Saving…',
  draftLocked: 'Read only: the text cannot be edited at this stage.',
  draftLocked_consultation:
    'Read only: during the consultation the text stays as it is. Comments and suggestions are open until the deadline.',
  draftLocked_adopted: 'Read only: the draft has been adopted; its text is final.',
  draftLocked_archived: 'Read only: the draft has been archived.',
  draftReadOnlyRole:
    'Read only: your role lets you read the text but not edit it. Other people’s changes appear here by themselves.',
  revisionLatest: 'Revision {number}, saved {time}',
  revisionChangedSince: 'changed since',
  revisionNone: 'No saved revision yet',
};
