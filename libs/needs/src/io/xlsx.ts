import { Workbook, type CellValue } from 'exceljs';
import type { Cell } from './csv';

/** A column of an exported table: its header and how wide it starts (characters). */
export interface Column {
  header: string;
  width?: number;
  /** Times get a date format; whole numbers a number format. */
  type?: 'text' | 'int' | 'time' | 'bool';
}

/**
 * A table as an XLSX workbook of one sheet: a bold, frozen header row with a filter, and typed cells — numbers
 * are numbers, times are dates (shown as TT.MM.JJJJ hh:mm, UTC), yes/no are booleans, text is text (never a
 * formula: exceljs writes strings as strings).
 */
export async function writeXlsx(sheetName: string, columns: readonly Column[], rows: readonly Cell[][]) {
  const workbook = new Workbook();
  workbook.creator = 'runde';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length + 2),
    style: c.type === 'time' ? { numFmt: 'dd.mm.yyyy hh:mm' } : c.type === 'int' ? { numFmt: '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (v === null ? null : v)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An upload that is not a workbook we will read (not a ZIP, too large unpacked, no sheet). */
export class XlsxReadError extends Error {}

/** Unpacked, a workbook of a few thousand rows is a few MB; a ZIP that claims more is refused before unpacking. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * The first sheet of a workbook as rows of text (row 1 first, as numbered in the sheet; empty rows as []): numbers
 * as written in digits, dates as ISO-8601, formulas by their result, rich text and links by their text.
 */
export async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked === null) throw new XlsxReadError('The file is not an XLSX workbook (not a ZIP archive)');
  if (unpacked > MAX_UNPACKED_BYTES) throw new XlsxReadError('The workbook is too large unpacked');
  const workbook = new Workbook();
  try {
    // exceljs types its input as a Buffer of an ArrayBuffer (Node's are of ArrayBufferLike); it reads either.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new XlsxReadError('The file is not an XLSX workbook that can be read');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new XlsxReadError('The workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(text(row.getCell(c).value));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : text(value.text as CellValue);
  if ('result' in value) return text(value.result as CellValue);
  if ('error' in value) return '';
  return '';
}

/**
 * The sum of the sizes a ZIP archive's central directory declares for its entries unpacked, or null when the
 * buffer is no ZIP archive. (A guard against a small upload that unpacks into gigabytes.)
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CEN) return null;
    const size = buf.readUInt32LE(at + 24);
    // ZIP64 (0xffffffff): a size beyond 4 GB, or one it will not declare here: too large either way.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}
