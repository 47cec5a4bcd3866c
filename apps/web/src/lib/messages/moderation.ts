/**
 * Moderation notices in the bell and the notification list, and the confirmations before steps that are hard to
 * undo (archiving or adopting a draft, restoring an old revision); spread into ../i18n.ts. "Sie" in German.
 */
export const moderationDe = {
  notif_post_flagged: '{actor} hat einen Beitrag in „{thread}“ gemeldet',
  notif_post_hidden: 'Die Moderation hat Ihren Beitrag in „{thread}“ ausgeblendet. Grund: {reason}',
  notif_post_unhidden: 'Die Moderation hat Ihren Beitrag in „{thread}“ wieder eingeblendet',
  notifModerationNote: 'Hinweis der Moderation: „{note}“',
  confirmArchiveTitle: 'Entwurf archivieren?',
  confirmArchiveText:
    '„{title}“ wird archiviert. Danach kann niemand den Entwurf mehr bearbeiten, kommentieren oder in einen anderen Arbeitsstand bringen. Das lässt sich nicht rückgängig machen.',
  confirmArchiveYes: 'Archivieren',
  confirmAdoptTitle: 'Entwurf beschließen?',
  confirmAdoptText:
    '„{title}“ gilt dann als beschlossen: Der Text wird eingefroren, Kommentare und Änderungsvorschläge werden geschlossen. Zurück in die Überarbeitung geht es danach nicht mehr, nur noch ins Archiv.',
  confirmAdoptYes: 'Beschließen',
  confirmRestoreTitle: 'Fassung {number} wiederherstellen?',
  confirmRestoreText:
    'Der Text des Entwurfs wird für alle Beteiligten sofort durch Fassung {number} („{label}“) ersetzt. Der jetzige Text wird vorher als eigene Fassung gespeichert; von dort können Sie ihn wiederherstellen.',
  confirmRestoreYes: 'Wiederherstellen',
  restoreRevision: 'Fassung {number} wiederherstellen',
  compareRevision: 'Fassung {number}: mit aktuellem Text vergleichen',
  reason_RESTORE_NOT_ALLOWED:
    'Eine ältere Fassung können nur die Leitung und die Moderation der Gruppe wiederherstellen, und wer den Entwurf begonnen hat.',
} as const;

export const moderationEn: Record<keyof typeof moderationDe, string> = {
  notif_post_flagged: '{actor} flagged a post in “{thread}”',
  notif_post_hidden: 'The moderators hid your post in “{thread}”. Reason: {reason}',
  notif_post_unhidden: 'The moderators showed your post in “{thread}” again',
  notifModerationNote: 'Note from the moderators: “{note}”',
  confirmArchiveTitle: 'Archive the draft?',
  confirmArchiveText:
    '“{title}” will be archived. After that nobody can edit it, comment on it or move it to another stage. This cannot be undone.',
  confirmArchiveYes: 'Archive',
  confirmAdoptTitle: 'Adopt the draft?',
  confirmAdoptText:
    '“{title}” will then count as adopted: its text is frozen, comments and suggestions are closed. It cannot go back into revision afterwards, only into the archive.',
  confirmAdoptYes: 'Adopt',
  confirmRestoreTitle: 'Restore revision {number}?',
  confirmRestoreText:
    'The draft’s text will be replaced by revision {number} (“{label}”), at once for everyone. The current text is saved as a revision of its own first; you can restore it from there.',
  confirmRestoreYes: 'Restore',
  restoreRevision: 'Restore revision {number}',
  compareRevision: 'Revision {number}: compare with current text',
  reason_RESTORE_NOT_ALLOWED:
    'Only the group’s owners and moderators, and whoever started the draft, can restore an earlier revision.',
};
