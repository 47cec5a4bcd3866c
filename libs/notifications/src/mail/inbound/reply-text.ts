/**
 * The new text of a reply by e-mail: everything above the quoted mail and the signature. Cut at the first of
 * - an attribution line: "Am 3. März 2027 um 10:15 schrieb Anna Berg <…>:", "On Tue, … wrote:" (also broken over
 *   two lines, as some programs do), "Anna Berg <…> schrieb:";
 * - Outlook's header block ("-----Ursprüngliche Nachricht-----", "-----Original Message-----", or "Von: …" /
 *   "From: …" followed by "Gesendet:"/"Sent:"), and "________________" above it;
 * - the signature separator "-- " (RFC 3676) and common "Sent from my …" / "Von meinem … gesendet" lines;
 * then lines quoted with ">" are dropped (interleaved quotes) and blank lines at either end trimmed.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1] ?? '';
    const trimmed = line.trim();
    if (
      line === '-- ' ||
      trimmed === '--' ||
      ATTRIBUTION.test(trimmed) ||
      (ATTRIBUTION_START.test(trimmed) && ATTRIBUTION.test(`${trimmed} ${next.trim()}`)) ||
      ORIGINAL.test(trimmed) ||
      (HEADER_FROM.test(trimmed) && HEADER_NEXT.test(next.trim())) ||
      (/^_{10,}$/.test(trimmed) && HEADER_FROM.test(next.trim())) ||
      SENT_FROM.test(trimmed)
    ) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((l) => !/^\s*>/.test(l));
  while (kept.length && !kept[0].trim()) kept.shift();
  while (kept.length && !kept[kept.length - 1].trim()) kept.pop();
  return kept.join('\n');
}

const ATTRIBUTION = /^(Am\s.+\sschrieb\s.+:|On\s.+\swrote:|.+\s(schrieb|wrote)\s?:)$/i;
const ATTRIBUTION_START = /^(Am|On)\s/i;
const ORIGINAL =
  /^-{2,}\s*(Ursprüngliche Nachricht|Original Message|Weitergeleitete Nachricht|Forwarded message)\s*-{2,}$/i;
const HEADER_FROM = /^\*?(Von|From)\s?:\*?\s/i;
const HEADER_NEXT = /^\*?(Gesendet|Sent|Datum|Date|An|To)\s?:/i;
const SENT_FROM = /^(Sent from my\s.+|Von meinem\s.+\sgesendet\.?|Gesendet von meinem\s.+)$/i;
