/** Options of the realtime benchmark: flags (`--clients 1000` or `--clients=1000`), else env, else defaults. */
export interface RealtimeBenchOptions {
  quick: boolean;
  /** subscribed clients in the fan-out phases */
  clients: number;
  /** thread rooms the clients are spread over (fan-out = clients / rooms) */
  rooms: number;
  /** posts per second in the fixed-rate phase */
  rate: number;
  /** measured seconds of the fixed-rate phase (after warm-up) */
  duration: number;
  warmup: number;
  /** most posts in flight in the fixed-rate phase */
  postConcurrency: number;
  /** seconds of the closed-loop maximum-throughput phase (0 = skip) */
  maxDuration: number;
  /** posts in flight in the maximum-throughput phase */
  maxConcurrency: number;
  /** idle authenticated connections (0 = skip) */
  idle: number;
  /** clients in the reconnect storm (0 = skip) */
  storm: number;
  /** posts per second while the storm runs; 0 = auto (the sustainable rate, see below) */
  stormRate: number;
  /** seconds of a runde fixed-rate phase at half its measured maximum (0 = skip) */
  sustainableDuration: number;
  /** give up waiting for the storm to catch up after this many seconds */
  stormTimeout: number;
  /** characters of post body (the timestamp and padding) */
  bodyChars: number;
  /** phases to run */
  phases: Set<Phase>;
  /** CPU-profile the api during the measured window of the runde fixed-rate phase */
  profile: boolean;
  /** time the api's stages (HTTP requests, group commits, event-loop delay) in that window */
  stages: boolean;
  /** forked client processes (sockets are split over them) */
  clientProcs: number;
  /** runde api processes (clients and posts are spread over them; the Redis adapter joins their rooms) */
  apiProcs: number;
  /** with several api processes: posts go to the first, sockets to the others (REST and gateway pools) */
  splitRoles: boolean;
  /** warm-up of the fixed-rate phases: 'ramp' climbs linearly to the rate, 'step' starts at the full rate */
  warmupShape: 'ramp' | 'step';
  databaseUrl: string;
  redisUrl: string;
  resultsDir: string;
}

export type Phase = 'bare' | 'runde' | 'idle' | 'storm';
const ALL_PHASES: Phase[] = ['bare', 'runde', 'idle', 'storm'];

const FULL = {
  clients: 1000,
  rooms: 100,
  rate: 1000,
  duration: 20,
  warmup: 5,
  postConcurrency: 256,
  maxDuration: 10,
  // As many posts in flight as the fixed-rate phase allows: with 32, a group-committing server is bound by its
  // latency, not its capacity (docs/benchmarks.md, session 8); the bare server is CPU-bound either way.
  maxConcurrency: 256,
  idle: 10_000,
  storm: 1000,
  stormRate: 0, // auto
  stormTimeout: 30,
  sustainableDuration: 10,
  bodyChars: 200,
  clientProcs: 1,
  apiProcs: 1,
};

const QUICK: typeof FULL = {
  ...FULL,
  clients: 100,
  rooms: 10,
  rate: 100,
  duration: 5,
  warmup: 1,
  maxDuration: 3,
  idle: 500,
  storm: 100,
  stormTimeout: 15,
  sustainableDuration: 3,
};

export const USAGE = `npm run bench:realtime -- [options]

  --quick                 small run (C=100, R=10, 100 posts/s for 5 s, 500 idle, storm of 100): < 60 s
  --clients N             subscribed clients                          (BENCH_CLIENTS, default 1000)
  --rooms N               thread rooms, fan-out = clients/rooms       (BENCH_ROOMS, default 100)
  --rate N                posts/s in the fixed-rate phase             (BENCH_RATE, default 1000)
  --duration S            measured seconds after warm-up              (BENCH_DURATION, default 20)
  --warmup S              warm-up seconds                             (BENCH_WARMUP, default 5)
  --post-concurrency N    posts in flight at most (fixed rate)        (BENCH_POST_CONCURRENCY, default 256)
  --max-duration S        closed-loop max-throughput phase, 0 = skip  (BENCH_MAX_DURATION, default 10)
  --max-concurrency N     posts in flight in that phase               (BENCH_MAX_CONCURRENCY, default 256)
  --idle N                idle authenticated connections, 0 = skip    (BENCH_IDLE, default 10000)
  --storm N               reconnect-storm clients, 0 = skip           (BENCH_STORM, default 1000)
  --storm-rate N|auto     posts/s during the storm; auto = the sustainable rate below, or --rate when
                          runde keeps up with it or its phase is skipped (BENCH_STORM_RATE, default auto)
  --sustainable-duration S  runde at half its measured maximum rate, 0 = skip (BENCH_SUSTAINABLE_DURATION, 10)
  --storm-timeout S       give up on catch-up after S seconds         (BENCH_STORM_TIMEOUT, default 30)
  --body-chars N          post body length                            (BENCH_BODY_CHARS, default 200)
  --client-procs N        forked client processes                     (BENCH_CLIENT_PROCS, default 1)
  --api-procs N           runde api processes; fan-out clients, posts and the storm are spread over them,
                          idle connections and the probe use the first (BENCH_API_PROCS, default 1)
  --warmup-shape ramp|step  fixed-rate warm-up: ramp = the rate climbs linearly from 0 during the warm-up, so
                          freshly started processes are not measured by the backlog of their cold first
                          seconds; step = the full rate from the first second (BENCH_WARMUP_SHAPE, default ramp)
  --split-roles           with --api-procs >= 2: posts go to the first api process, sockets to the others,
                          as a deployment with separate REST and gateway pools would route them (BENCH_SPLIT_ROLES=1)
  --only a,b              phases: bare,runde,idle,storm               (BENCH_ONLY, default all)
  --profile               CPU-profile the api during the runde measured window (BENCH_PROFILE=1)
  --stages                time the api's stages in that window: HTTP requests, each group commit's wait,
                          write and batch size, event-loop delay (BENCH_STAGES=1)
  BENCH_DATABASE_URL, BENCH_REDIS_URL: the local servers (default postgres://postgres@127.0.0.1:5432/postgres,
  redis://127.0.0.1:6379); anything but a loopback host is refused.`;

function parseShape(raw: string): 'ramp' | 'step' {
  if (raw === 'ramp' || raw === 'step') return raw;
  throw new Error(`--warmup-shape must be ramp or step, not "${raw}"`);
}

function flagMap(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags.set(arg.slice(2), argv[++i]);
    else flags.set(arg.slice(2), 'true');
  }
  return flags;
}

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): RealtimeBenchOptions {
  const flags = flagMap(argv);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const known = new Set([
    'quick',
    'clients',
    'rooms',
    'rate',
    'duration',
    'warmup',
    'post-concurrency',
    'max-duration',
    'max-concurrency',
    'idle',
    'storm',
    'storm-rate',
    'storm-timeout',
    'sustainable-duration',
    'body-chars',
    'client-procs',
    'api-procs',
    'split-roles',
    'warmup-shape',
    'only',
    'profile',
    'stages',
  ]);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n\n${USAGE}`);
  const quick = flags.get('quick') === 'true' || env.BENCH_QUICK === '1';
  const base = quick ? QUICK : FULL;
  const num = (flag: string, envName: string, fallback: number, min = 0): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${flag} must be a number >= ${min}`);
    return value;
  };
  const only = (flags.get('only') ?? env.BENCH_ONLY ?? ALL_PHASES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of only) if (!ALL_PHASES.includes(p as Phase)) throw new Error(`--only: unknown phase ${p}`);
  const rate = num('rate', 'BENCH_RATE', base.rate, 1);
  const options: RealtimeBenchOptions = {
    quick,
    clients: num('clients', 'BENCH_CLIENTS', base.clients, 1),
    rooms: num('rooms', 'BENCH_ROOMS', base.rooms, 1),
    rate,
    duration: num('duration', 'BENCH_DURATION', base.duration, 1),
    warmup: num('warmup', 'BENCH_WARMUP', base.warmup, 0),
    postConcurrency: num('post-concurrency', 'BENCH_POST_CONCURRENCY', base.postConcurrency, 1),
    maxDuration: num('max-duration', 'BENCH_MAX_DURATION', base.maxDuration, 0),
    maxConcurrency: num('max-concurrency', 'BENCH_MAX_CONCURRENCY', base.maxConcurrency, 1),
    idle: num('idle', 'BENCH_IDLE', base.idle, 0),
    storm: num('storm', 'BENCH_STORM', base.storm, 0),
    stormRate:
      (flags.get('storm-rate') ?? env.BENCH_STORM_RATE ?? 'auto') === 'auto'
        ? 0
        : num('storm-rate', 'BENCH_STORM_RATE', 0, 1),
    sustainableDuration: num(
      'sustainable-duration',
      'BENCH_SUSTAINABLE_DURATION',
      base.sustainableDuration,
      0,
    ),
    stormTimeout: num('storm-timeout', 'BENCH_STORM_TIMEOUT', base.stormTimeout, 1),
    bodyChars: num('body-chars', 'BENCH_BODY_CHARS', base.bodyChars, 40),
    clientProcs: num('client-procs', 'BENCH_CLIENT_PROCS', base.clientProcs, 1),
    apiProcs: num('api-procs', 'BENCH_API_PROCS', base.apiProcs, 1),
    warmupShape: parseShape(flags.get('warmup-shape') ?? env.BENCH_WARMUP_SHAPE ?? 'ramp'),
    splitRoles: flags.get('split-roles') === 'true' || env.BENCH_SPLIT_ROLES === '1',
    phases: new Set(only as Phase[]),
    profile: flags.get('profile') === 'true' || env.BENCH_PROFILE === '1',
    stages: flags.get('stages') === 'true' || env.BENCH_STAGES === '1',
    databaseUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    resultsDir: env.BENCH_RESULTS_DIR || 'bench/results',
  };
  if (options.splitRoles && options.apiProcs < 2)
    throw new Error('--split-roles needs --api-procs 2 or more');
  if (options.rooms > options.clients) throw new Error('--rooms must not exceed --clients');
  for (const url of [options.databaseUrl, options.redisUrl]) {
    if (!isLoopback(url)) throw new Error(`the benchmark runs only against 127.0.0.1/localhost, not ${url}`);
  }
  return options;
}
