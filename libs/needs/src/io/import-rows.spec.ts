import { parseCsv, writeCsv } from './csv';
import { readImportRows } from './import-rows';
import { zipUnpackedSize } from './xlsx';

const HEADER = [
  'Kreisschlüssel',
  'Handlungsfeld',
  'Zielgruppe',
  'Betroffene',
  'Trend',
  'Dringlichkeit',
  'Sichtbarkeit',
];

describe('CSV', () => {
  it('writes RFC 4180 with BOM and CRLF, and reads it back (quotes, separators, line breaks, formulas)', () => {
    const rows = [['a,b', 'say "hi"', 'two\r\nlines', '=SUM(A1)', '-5 Plätze', '']];
    const csv = writeCsv(['x', 'y', 'z', 'f', 'g', 'h'], rows);
    expect(csv.startsWith('\uFEFFx,y,z,f,g,h\r\n')).toBe(true);
    expect(csv).toContain(`"a,b","say ""hi""","two\r\nlines",'=SUM(A1),'-5 Plätze,\r\n`);
    expect(parseCsv(csv)).toEqual([['x', 'y', 'z', 'f', 'g', 'h'], ...rows]);
  });

  it('reads semicolons (German Excel), LF line ends, blank lines, and refuses an unclosed quote', () => {
    expect(parseCsv('a;b\n1;"x;y"\n\n2;3')).toEqual([['a', 'b'], ['1', 'x;y'], [], ['2', '3']]);
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/line 2/);
  });
});

describe('import rows', () => {
  it('reads labels and keys, puts back a spreadsheet’s lost leading zero', () => {
    const { rows, errors } = readImportRows([
      HEADER,
      ['8111', 'Sprachförderung', 'Neu Zugewanderte', '120', 'steigend', '4', 'Netzwerk'],
      ['08416', 'wohnen', 'Familien', '30.0', 'stable', '2', 'ministry'],
      [],
    ]);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.key.value, r.entry.field, r.entry.trend, r.entry.visibility])).toEqual([
      [2, '08111', 'sprache', 'rising', 'network'],
      [3, '08416', 'wohnen', 'stable', 'ministry'],
    ]);
    expect(rows[1].entry.affected).toBe(30);
  });

  it('names row and column of each problem', () => {
    const { rows, errors } = readImportRows([
      HEADER,
      ['08111', 'Zauberei', 'X', '1', 'neu', '9', 'Netzwerk'],
      ['123', 'sprache', '', 'viele', 'hoch', '3', 'geheim'],
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 2, column: 'Handlungsfeld', message: 'Unknown field of action "Zauberei"' },
      {
        row: 2,
        column: 'Dringlichkeit',
        message: 'The severity must be a whole number from 1 to 5, not "9"',
      },
      { row: 3, column: 'Kreisschlüssel', message: 'A Kreisschlüssel has five digits, not "123"' },
      { row: 3, column: 'Zielgruppe', message: 'The target group is missing' },
      expect.objectContaining({ row: 3, column: 'Betroffene' }),
      expect.objectContaining({ row: 3, column: 'Trend' }),
      expect.objectContaining({ row: 3, column: 'Sichtbarkeit' }),
    ]);
  });

  it('refuses unknown, doubled and missing columns in the header', () => {
    const { errors } = readImportRows([
      ['KS', 'field', 'Farbe', 'Field', 'Zielgruppe', 'Betroffene', 'Trend'],
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ row: 1, column: 'Farbe', message: expect.stringMatching(/^Unknown column/) }),
      expect.objectContaining({ row: 1, column: 'Field', message: 'The column Handlungsfeld appears twice' }),
      { row: 1, column: 'Dringlichkeit', message: 'The column Dringlichkeit is missing' },
      { row: 1, column: 'Sichtbarkeit', message: 'The column Sichtbarkeit is missing' },
    ]);
  });
});

describe('zipUnpackedSize', () => {
  it('is null for what is not a ZIP archive', () => {
    expect(zipUnpackedSize(Buffer.from('Kreisschlüssel,Handlungsfeld\n'))).toBeNull();
    expect(zipUnpackedSize(Buffer.alloc(0))).toBeNull();
  });
});
