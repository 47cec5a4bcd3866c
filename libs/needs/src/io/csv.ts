/** A cell of a table the radar writes out: text, a whole number, a time, yes or no, or nothing. */
export type Cell = string | number | boolean | Date | null;

/**
 * A table as CSV: RFC 4180 (comma, CRLF, a field with a quote, comma or line break quoted, quotes doubled), UTF-8
 * with a byte-order mark so that Excel reads the umlauts. Text that a spreadsheet would run as a formula (starting
 * with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP advises; `parseCsv` takes it
 * off again. Times are written as ISO-8601 (UTC), yes/no as
 * `ja`/`nein`.
 */
export function writeCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (value instanceof Date) return value.toISOString();
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV the parser could not read (an unclosed quote): where. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads CSV as RFC 4180 writes it, and as spreadsheets save it: a byte-order mark is skipped; the separator is
 * the comma, or the semicolon when the header line has more of those (German Excel); lines end in CRLF or LF;
 * quoted fields may hold separators, quotes (doubled) and line breaks. A field written with a protective
 * apostrophe before =, +, -, @ loses it. Rows come back as written (row 1 is the header), blank lines as [].
 */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row.length === 1 && row[0] === '' ? [] : row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === sep) endField();
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      endRow();
      line++;
    } else field += c;
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, `a quote opened in line ${quoteLine} is never closed`);
  if (field !== '' || row.length) endRow();
  return rows.map((r) => r.map(unprotect));
}

const count = (s: string, c: string) => s.split(c).length - 1;

/** `'=SUM(A1)` → `=SUM(A1)`: the apostrophe writeCsv puts before formula characters. */
function unprotect(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
