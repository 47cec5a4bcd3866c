import { Injectable } from '@nestjs/common';
import { attachment, OfficeConverter } from '@runde/drafts';
import { synopsisCsv } from './synopsis-csv';
import { synopsisDocx } from './synopsis-docx';
import type { Synopsis } from './synopsis.views';

export type SynopsisFileFormat = 'csv' | 'docx' | 'odt' | 'pdf';

const TYPES: Record<SynopsisFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
};

export interface SynopsisFile {
  body: string | Buffer;
  contentType: string;
  disposition: string;
}

/** The Synopse as a file to save: CSV, DOCX, or ODT/PDF converted from the DOCX by LibreOffice (503 without it). */
@Injectable()
export class SynopsisExports {
  constructor(private readonly converter: OfficeConverter) {}

  async file(s: Synopsis, format: SynopsisFileFormat): Promise<SynopsisFile> {
    const name = `Synopse ${s.consultation.title}`;
    if (format === 'csv') {
      return { body: synopsisCsv(s), contentType: TYPES.csv, disposition: attachment(name, 'csv') };
    }
    const docx = await synopsisDocx(s);
    return {
      body:
        format === 'docx'
          ? docx
          : await this.converter.convert(docx, format, { timeoutMs: conversionTime(s) }),
      contentType: TYPES[format],
      disposition: attachment(name, format),
    };
  }
}

/**
 * How long LibreOffice may take to make ODT or PDF of this Synopse: 30 s, and 6 ms more per table row (measured on
 * 2 cores: 22,000 points, 6,043 pages of PDF in 85 s, ODT in 28 s; docs/benchmarks.md).
 */
export function conversionTime(s: Synopsis): number {
  const rows = s.counts.points + s.blocks.length + s.questions.reduce((n, q) => n + q.answers.length, 0);
  return 30_000 + rows * 6;
}
