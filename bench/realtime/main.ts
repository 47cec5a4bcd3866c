/** `npm run bench:realtime [-- options]`: runs the realtime benchmark and writes its report (markdown + JSON). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from './options';
import { runRealtimeBench } from './realtime-bench';
import { evaluateTargets, renderMarkdown } from './report';
import { ROOT } from './system';

/**
 * Writes a report file formatted as the repository's prettier config would (so `npm run lint` stays green when the
 * git-ignored results lie in the tree); unformatted when prettier is not installed.
 */
async function writeFormatted(file: string, text: string): Promise<void> {
  let out = text;
  try {
    const prettier = (await import('prettier')) as {
      resolveConfig: (file: string) => Promise<Record<string, unknown> | null>;
      format: (text: string, options: Record<string, unknown>) => Promise<string>;
    };
    out = await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch {
    // prettier missing (production install): keep the text as it is
  }
  writeFileSync(file, out);
}

export async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const report = await runRealtimeBench(options, argv);
  const markdown = renderMarkdown(report);
  const dir = path.resolve(ROOT, options.resultsDir);
  const stamp = report.startedAt.replace(/[-:T]/g, '').slice(0, 14);
  const runDir = path.join(dir, `realtime-${stamp}`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFormatted(path.join(runDir, 'report.md'), `${markdown}\n`);
  await writeFormatted(path.join(runDir, 'report.json'), json);
  await writeFormatted(path.join(dir, 'realtime-latest.md'), `${markdown}\n`);
  await writeFormatted(path.join(dir, 'realtime-latest.json'), json);
  process.stdout.write(`\n${markdown}\n`);
  process.stdout.write(
    `report: ${path.relative(ROOT, path.join(runDir, 'report.md'))} and report.json ` +
      `(also bench/results/realtime-latest.{md,json})\n`,
  );
  if (report.errors.length) return 1;
  // Missed targets are results, not failures of the benchmark: exit 0 unless BENCH_STRICT=1.
  const missed = evaluateTargets(report).filter((t) => t.met === false).length;
  return process.env.BENCH_STRICT === '1' && missed ? 3 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
