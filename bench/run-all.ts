/**
 * `npm run bench`: every benchmark of the repository, one after the other — the realtime benchmark (issue 5), the
 * strategy-drafts benchmark (issue 6), consultation rounds (issue 25) and the needs radar (issue 26). Options (e.g.
 * `--quick`) go to each.
 */
import { main as consultations } from './consultations/main';
import { main as drafts } from './drafts/main';
import { main as needs } from './needs/main';
import { main as realtime } from './realtime/main';

const BENCHMARKS: Array<{ name: string; run: (argv: string[]) => Promise<number> }> = [
  { name: 'realtime', run: realtime },
  { name: 'drafts', run: drafts },
  { name: 'consultations', run: consultations },
  { name: 'needs', run: needs },
];

async function runAll(argv: string[]): Promise<number> {
  let worst = 0;
  for (const bench of BENCHMARKS) {
    process.stdout.write(`\n=== benchmark: ${bench.name} ===\n`);
    worst = Math.max(worst, await bench.run(argv));
  }
  return worst;
}

runAll(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
