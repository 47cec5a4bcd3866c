import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toErrorBody } from '@runde/platform';
import { OfficeConverter } from './office-converter';

/**
 * The converter's own rules, with stand-ins for LibreOffice (shell scripts that take its arguments): the real one
 * is exercised by test/drafts/documents-export.spec.ts.
 */
describe('OfficeConverter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runde-converter-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for soffice: parses --convert-to/--outdir/the input like it, then runs `body`. */
  function fake(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(
      path,
      `#!/usr/bin/env bash
while [ $# -gt 0 ]; do
  case "$1" in
    --convert-to) target="$2"; shift 2 ;;
    --outdir) out="$2"; shift 2 ;;
    -env:UserInstallation=*) profile="\${1#-env:UserInstallation=}"; shift ;;
    --*) shift ;;
    *) input="$1"; shift ;;
  esac
done
${body}
`,
    );
    chmodSync(path, 0o755);
    return path;
  }

  const failureOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return toErrorBody(error);
    }
    throw new Error('expected the conversion to fail');
  };

  it('runs LibreOffice headless with a profile of its own, tagged PDF, and cleans up after itself', async () => {
    const log = join(dir, 'calls.log');
    const command = fake(
      'ok.sh',
      `mkdir -p "$out"; { printf '%s\\n' "$target"; printf '%s\\n' "$profile"; printf '%s\\n' "$input"; } >> "${log}"
       cp "$input" "$out/draft.\${target%%:*}"`,
    );
    const converter = new OfficeConverter({ command });
    const out = await converter.convert(Buffer.from('PK docx'), 'pdf');
    expect(out.toString()).toBe('PK docx');
    const [target, profile, input] = readFileSync(log, 'utf8').trim().split('\n');
    expect(target).toMatch(/^pdf:writer_pdf_Export:\{.*"UseTaggedPDF":\{"type":"boolean","value":"true"\}/);
    expect(profile).toMatch(/^file:\/\/\/.*runde-export-[^/]+\/profile$/);
    expect(input).toMatch(/runde-export-[^/]+\/draft\.docx$/);
    expect((await converter.convert(Buffer.from('x'), 'odt')).toString()).toBe('x');
    expect(readFileSync(log, 'utf8')).toContain('odt:writer8\n');
    // The folder of each conversion is gone.
    expect(existsSync(dirname(input))).toBe(false);
  });

  it('answers 503 EXPORT_UNAVAILABLE naming the package when LibreOffice is not installed', async () => {
    const converter = new OfficeConverter({ command: join(dir, 'no-such-soffice') });
    const body = await failureOf(converter.convert(Buffer.from('x'), 'odt'));
    expect(body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      reason: 'EXPORT_UNAVAILABLE',
    });
    expect(body.message).toContain('libreoffice-writer-nogui');
  });

  it('kills a conversion that hangs, with what it started, and answers 503 EXPORT_TIMEOUT', async () => {
    const pidFile = join(dir, 'helper.pid');
    const command = fake('hang.sh', `sleep 60 & echo $! > "${pidFile}"; wait`);
    const converter = new OfficeConverter({ command, timeoutMs: 700 });
    const started = Date.now();
    const body = await failureOf(converter.convert(Buffer.from('x'), 'pdf'));
    expect(body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', reason: 'EXPORT_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The helper LibreOffice would have started is gone too (or a zombie waiting to be reaped).
    const helper = Number(readFileSync(pidFile, 'utf8'));
    let state = 'gone';
    try {
      state = readFileSync(`/proc/${helper}/stat`, 'utf8').split(') ')[1][0];
    } catch {
      // no such process
    }
    expect(['gone', 'Z']).toContain(state);
    // The slot is free again.
    const ok = new OfficeConverter({
      command: fake('ok2.sh', 'mkdir -p "$out"; cp "$input" "$out/draft.odt"'),
    });
    await expect(ok.convert(Buffer.from('y'), 'odt')).resolves.toEqual(Buffer.from('y'));
  });

  it('answers 503 EXPORT_FAILED when LibreOffice fails or writes nothing', async () => {
    const failing = new OfficeConverter({
      command: fake('fail.sh', 'echo "Error: source file could not be loaded" >&2; exit 1'),
    });
    expect(await failureOf(failing.convert(Buffer.from('x'), 'odt'))).toMatchObject({
      statusCode: 503,
      reason: 'EXPORT_FAILED',
    });
    const silent = new OfficeConverter({ command: fake('silent.sh', 'exit 0') });
    expect(await failureOf(silent.convert(Buffer.from('x'), 'odt'))).toMatchObject({
      statusCode: 503,
      reason: 'EXPORT_FAILED',
      message: expect.stringContaining('wrote no document'),
    });
  });

  it('runs at most `slots` conversions at a time, lets `queue` wait and turns away the rest', async () => {
    const log = join(dir, 'slots.log');
    const command = fake(
      'slow.sh',
      `echo "start $(date +%s%N)" >> "${log}"; sleep 0.4; mkdir -p "$out"; cp "$input" "$out/draft.odt"
       echo "end $(date +%s%N)" >> "${log}"`,
    );
    const converter = new OfficeConverter({ command, slots: 1, queue: 1, timeoutMs: 5_000 });
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) => converter.convert(Buffer.from(`${n}`), 'odt')),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(toErrorBody((results[2] as PromiseRejectedResult).reason)).toMatchObject({
      statusCode: 503,
      reason: 'EXPORT_BUSY',
      retryAfterSeconds: 5,
    });
    // One after the other: the second started after the first ended.
    const events = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    expect(events).toEqual(['start', 'end', 'start', 'end']);
  });

  it('turns away a request that waited for a slot longer than the timeout', async () => {
    const command = fake('slower.sh', 'sleep 1; mkdir -p "$out"; cp "$input" "$out/draft.odt"');
    const converter = new OfficeConverter({ command, slots: 1, queue: 4, timeoutMs: 1_600 });
    const first = converter.convert(Buffer.from('1'), 'odt');
    const second = converter.convert(Buffer.from('2'), 'odt');
    const third = failureOf(converter.convert(Buffer.from('3'), 'odt'));
    await expect(first).resolves.toEqual(Buffer.from('1'));
    // The second got the slot after 1 s; the third would have had to wait 2 s.
    await expect(second).resolves.toEqual(Buffer.from('2'));
    expect(await third).toMatchObject({ statusCode: 503, reason: 'EXPORT_BUSY' });
  });
});
