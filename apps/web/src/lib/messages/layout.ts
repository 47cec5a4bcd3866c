/** The page frame's texts (header menu, draft panels on narrow screens), spread into ../i18n.ts. "Sie" in German. */
export const layoutDe = {
  menu: 'Menü',
  menuLabel: 'Navigation und Einstellungen',
  draftPanels: 'Bereiche des Entwurfs',
  tableLabel: 'Tabelle (seitlich verschiebbar)',
} as const;

export const layoutEn: Record<keyof typeof layoutDe, string> = {
  menu: 'Menu',
  menuLabel: 'Navigation and settings',
  draftPanels: 'Parts of the draft',
  tableLabel: 'Table (scrolls sideways)',
};
