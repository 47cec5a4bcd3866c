/**
 * What the bell says for organisation, consultation and needs notices. {org}: the organisation; {title}: the round;
 * {summary}: what a needs signal says.
 */
export const noticesDe = {
  notif_org_request: '{actor} möchte zu {org} gehören: bitte bestätigen oder ablehnen',
  notif_org_confirmed: 'Ihre Zugehörigkeit zu {org} ist bestätigt ({role})',
  notif_org_declined: 'Ihre Anfrage, zu {org} zu gehören, wurde abgelehnt',
  notif_org_role_changed: 'Ihre Rolle bei {org} ist jetzt: {role}',
  notif_org_removed: 'Sie gehören nicht mehr zu {org}',
  notif_consult_addressed: 'Neue Anhörung an {org}: „{title}“',
  notif_consult_reminder: 'Erinnerung: Die Frist für „{title}“ ({org}) läuft bald ab',
  notif_consult_extended: 'Die Frist für „{title}“ ({org}) wurde verlängert',
  notif_consult_published: 'Die Stellungnahmen zu „{title}“ sind veröffentlicht',
  notif_consult_released: '{org} hat die Stellungnahme zu „{title}“ freigegeben',
  notif_consult_nil_return: '{org} hat zu „{title}“ eine Fehlanzeige gemeldet',
  notif_needs_signal: 'Neues Signal im Bedarfsradar: {summary}',
  orgRole_admin: 'Administration',
  orgRole_member: 'Mitglied',
  orgRole_deputy: 'Vertretung',
};

export const noticesEn: Record<keyof typeof noticesDe, string> = {
  notif_org_request: '{actor} asks to belong to {org}: please confirm or decline',
  notif_org_confirmed: 'You now belong to {org} ({role})',
  notif_org_declined: 'Your request to belong to {org} was declined',
  notif_org_role_changed: 'Your role at {org} is now: {role}',
  notif_org_removed: 'You no longer belong to {org}',
  notif_consult_addressed: 'New consultation to {org}: “{title}”',
  notif_consult_reminder: 'Reminder: the deadline for “{title}” ({org}) is near',
  notif_consult_extended: 'The deadline for “{title}” ({org}) was extended',
  notif_consult_published: 'The statements on “{title}” are published',
  notif_consult_released: '{org} released its statement on “{title}”',
  notif_consult_nil_return: '{org} reported nothing to state on “{title}” (nil return)',
  notif_needs_signal: 'New signal on the needs radar: {summary}',
  orgRole_admin: 'administrator',
  orgRole_member: 'member',
  orgRole_deputy: 'deputy',
};
