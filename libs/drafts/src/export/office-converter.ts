import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppError, ErrorCode } from '@runde/platform';

export type OfficeFormat = 'odt' | 'pdf';

export interface ConverterSettings {
  /** LibreOffice's launcher (Debian: /usr/bin/soffice from `libreoffice-writer-nogui`). */
  command: string;
  /** A conversion taking longer is killed (with every process it started) and answered 503. */
  timeoutMs: number;
  /** Conversions at a time in this process; each LibreOffice takes a CPU and ~150 MB while it runs. */
  slots: number;
  /** Requests that may wait for a slot; more are answered 503 at once. */
  queue: number;
}

/** Overrides of `CONVERTER_DEFAULTS` (optional provider). */
export const CONVERTER_SETTINGS = Symbol('CONVERTER_SETTINGS');

export const CONVERTER_DEFAULTS: ConverterSettings = {
  command: 'soffice',
  timeoutMs: 30_000,
  slots: 2,
  queue: 8,
};

/**
 * LibreOffice's export filters: ODT (writer8) as it is; PDF tagged (structure, headings, lists, tables, links and
 * the document's language for screen readers), with the document's title shown instead of the file name, and
 * the headings as bookmarks.
 */
const TARGETS: Record<OfficeFormat, string> = {
  odt: 'odt:writer8',
  pdf: `pdf:writer_pdf_Export:${JSON.stringify({
    UseTaggedPDF: { type: 'boolean', value: 'true' },
    DisplayPDFDocumentTitle: { type: 'boolean', value: 'true' },
    ExportBookmarks: { type: 'boolean', value: 'true' },
  })}`,
};

const INSTALL_HINT =
  'ODT and PDF exports need LibreOffice, which is not installed here: install Debian’s libreoffice-writer-nogui ' +
  '(npm start and npm test do so when they may use apt-get)';

/**
 * Converts a DOCX to ODT or PDF with LibreOffice headless (`soffice --convert-to`), one temporary folder per
 * conversion (the input, the output and a LibreOffice profile of its own, so conversions never share state), at
 * most `slots` at a time in this process. A conversion that takes longer than `timeoutMs` is killed — LibreOffice
 * runs in a process group of its own, so its helpers go too — and the request is answered 503, as it is when all
 * slots are busy for as long, when LibreOffice is not installed, or when it fails. The limit is per process on
 * purpose: it guards this machine's CPU and memory, not a shared resource.
 */
@Injectable()
export class OfficeConverter implements OnModuleDestroy {
  private readonly logger = new Logger(OfficeConverter.name);
  private readonly settings: ConverterSettings;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly groups = new Set<number>();

  constructor(@Optional() @Inject(CONVERTER_SETTINGS) settings?: Partial<ConverterSettings>) {
    this.settings = { ...CONVERTER_DEFAULTS, ...settings };
  }

  /**
   * `timeoutMs`: the time this conversion may take, for documents known to be long (a Synopse of thousands of rows
   * is thousands of pages); the settings' otherwise.
   */
  async convert(docx: Buffer, to: OfficeFormat, options: { timeoutMs?: number } = {}): Promise<Buffer> {
    await this.acquire();
    try {
      return await this.run(docx, to, options.timeoutMs ?? this.settings.timeoutMs);
    } finally {
      this.release();
    }
  }

  /** Stops conversions still running when the process shuts down. */
  onModuleDestroy(): void {
    for (const group of this.groups) killGroup(group);
  }

  private acquire(): Promise<void> {
    if (this.running < this.settings.slots) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.settings.queue) return Promise.reject(busy(this.settings));
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        this.running += 1;
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(busy(this.settings));
      }, this.settings.timeoutMs);
      this.waiting.push(turn);
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }

  private async run(docx: Buffer, to: OfficeFormat, timeoutMs: number): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'runde-export-'));
    try {
      // Fixed names inside the folder: nothing of the draft (its title) reaches a path or the command line.
      const input = join(dir, 'draft.docx');
      await writeFile(input, docx);
      await this.exec(
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--invisible',
          '--nodefault',
          '--nolockcheck',
          '--nologo',
          '--norestore',
          '--convert-to',
          TARGETS[to],
          '--outdir',
          join(dir, 'out'),
          input,
        ],
        dir,
        timeoutMs,
      );
      try {
        return await readFile(join(dir, 'out', `draft.${to}`));
      } catch {
        throw failed('LibreOffice wrote no document');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Runs LibreOffice; settles once: when it exits, when it cannot start, or when its time is up. */
  private exec(args: string[], cwd: string, timeoutMs: number): Promise<void> {
    const { command } = this.settings;
    return new Promise((resolve, reject) => {
      // The environment as this process sees it now (also where the command is looked up).
      const env = process.env;
      const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const collect = (chunk: Buffer) => {
        if (output.length < 4_000) output += chunk.toString('utf8');
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      if (child.pid) this.groups.add(child.pid);
      let settled = false;
      const settle = (error?: AppError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Whatever LibreOffice left running in its group goes with it.
        if (child.pid) {
          killGroup(child.pid);
          this.groups.delete(child.pid);
        }
        child.stdout.destroy();
        child.stderr.destroy();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => {
        this.logger.warn({ timeoutMs, output }, 'a document conversion took too long and was stopped');
        settle(
          AppError.unavailable(
            `The conversion took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; try again later`,
          ).because('EXPORT_TIMEOUT'),
        );
      }, timeoutMs);
      child.on('error', (error: NodeJS.ErrnoException) =>
        settle(
          error.code === 'ENOENT'
            ? AppError.unavailable(INSTALL_HINT).because('EXPORT_UNAVAILABLE')
            : failed(error.message),
        ),
      );
      child.on('exit', (code, signal) => {
        if (code === 0) return settle();
        if (!settled) this.logger.warn({ code, signal, output }, 'a document conversion failed');
        settle(failed(`LibreOffice ended with ${signal ?? `status ${code}`}`));
      });
    });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

function busy(settings: ConverterSettings): AppError {
  const seconds = Math.max(1, Math.ceil(settings.timeoutMs / 1000));
  return new AppError(
    ErrorCode.ServiceUnavailable,
    'Too many documents are being converted right now; try again in a moment',
    undefined,
    seconds,
  ).because('EXPORT_BUSY');
}

function failed(detail: string): AppError {
  return AppError.unavailable(`The document could not be converted (${detail})`).because('EXPORT_FAILED');
}
