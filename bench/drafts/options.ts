/** Options of the drafts benchmark: flags (`--drafts 50` or `--drafts=50`), else defaults (full or --quick). */
export interface DraftsBenchOptions {
  quick: boolean;
  /** live phase: drafts, editors per draft, updates per second per editor */
  drafts: number;
  editors: number;
  rate: number;
  /** characters of Markdown each live draft starts with (real strategy drafts: 20–100k) */
  initialChars: number;
  warmup: number;
  duration: number;
  /** seconds of typing after the measured window while the api is CPU-profiled (0 = no live profile) */
  profileSeconds: number;
  /** forked editor processes (a draft's editors always share one) */
  clientProcs: number;
  ackTimeoutMs: number;
  /** replay phase: operations in the trace, its seed, in-process load repetitions */
  traceOps: number;
  traceSeed: number;
  replayReps: number;
  /** profile the replay loads (in-process and on the api) */
  profileReplay: boolean;
  phases: Set<'live' | 'replay'>;
  databaseUrl: string;
  redisUrl: string;
  /** hard limit for the whole run (s): everything is stopped and cleaned up when it is reached */
  timeLimit: number;
}

const FULL = {
  drafts: 50,
  editors: 5,
  rate: 5,
  initialChars: 0,
  warmup: 5,
  duration: 20,
  profileSeconds: 10,
  clientProcs: 2,
  ackTimeoutMs: 10_000,
  traceOps: 250_000,
  traceSeed: 42,
  replayReps: 3,
  timeLimit: 345,
};

const QUICK: typeof FULL = {
  ...FULL,
  drafts: 10,
  warmup: 2,
  duration: 6,
  profileSeconds: 0,
  clientProcs: 1,
  traceOps: 25_000,
  replayReps: 1,
  timeLimit: 58,
};

export const USAGE = `npm run bench:drafts -- [options]

  --quick               small run (10 drafts × 5 editors for 6 s, 25,000-op trace, no profiles): < 60 s
  --drafts N            live drafts                                   (default 50)
  --editors N           editors (sockets) per draft                    (default 5)
  --rate N              updates per second per editor                  (default 5)
  --initial-chars N     characters each live draft starts with         (default 0: a 70-character draft)
  --warmup S            seconds of typing before the measured window   (default 5)
  --duration S          measured seconds                               (default 20)
  --profile-seconds S   api CPU profile while typing goes on after the window (default 10; 0 = none)
  --client-procs N      editor processes                               (default 2)
  --trace-ops N         operations in the replayed trace               (default 250000)
  --trace-seed N        seed of the trace                              (default 42)
  --replay-reps N       in-process cold loads to time                  (default 3)
  --no-profile          no CPU profiles at all
  --only live|replay    run one phase
  --time-limit S        stop and clean up after S seconds              (default 345; quick 58)
  Services: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL.
`;

export function parseOptions(argv: string[]): DraftsBenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n\n${USAGE}`);
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (['quick', 'no-profile', 'help'].includes(a.slice(2))) flags.set(a.slice(2), 'true');
    else flags.set(a.slice(2), argv[++i] ?? '');
  }
  if (flags.has('help')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const quick = flags.get('quick') === 'true';
  const base = quick ? QUICK : FULL;
  const num = (name: string, fallback: number): number => {
    const raw = flags.get(name);
    flags.delete(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number ≥ 0, got "${raw}"`);
    return v;
  };
  const only = flags.get('only');
  if (only && only !== 'live' && only !== 'replay') throw new Error('--only live|replay');
  const noProfile = flags.get('no-profile') === 'true';
  const opts: DraftsBenchOptions = {
    quick,
    drafts: num('drafts', base.drafts),
    editors: Math.max(2, num('editors', base.editors)),
    rate: num('rate', base.rate),
    initialChars: num('initial-chars', base.initialChars),
    warmup: num('warmup', base.warmup),
    duration: Math.max(1, num('duration', base.duration)),
    profileSeconds: noProfile ? 0 : num('profile-seconds', base.profileSeconds),
    clientProcs: Math.max(1, num('client-procs', base.clientProcs)),
    ackTimeoutMs: base.ackTimeoutMs,
    traceOps: Math.max(1, num('trace-ops', base.traceOps)),
    traceSeed: num('trace-seed', base.traceSeed),
    replayReps: Math.max(1, num('replay-reps', base.replayReps)),
    profileReplay: !noProfile && !quick,
    phases: new Set(only ? [only as 'live' | 'replay'] : ['live', 'replay']),
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    timeLimit: num('time-limit', base.timeLimit),
  };
  for (const k of ['quick', 'no-profile', 'only']) flags.delete(k);
  if (flags.size)
    throw new Error(`unknown option(s): ${[...flags.keys()].map((k) => `--${k}`).join(', ')}\n\n${USAGE}`);
  return opts;
}
