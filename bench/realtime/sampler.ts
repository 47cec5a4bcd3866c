/**
 * Samples, every 500 ms: resident memory of the servers, CPU seconds of every process of the run (and of all
 * postgres / redis-server processes, and of the whole machine). Windows of the samples give RSS maxima and how
 * the CPU was split between the api, the worker, the databases and the load generators.
 */
import os from 'node:os';
import { cpuSeconds, cpuSecondsByName, machineCpu, mainThreadSched, rssMb } from './proc';
import { now } from './rpc';

interface Sample {
  at: number;
  rss: Record<string, number | null>;
  cpu: Record<string, number | null>;
  /** the first process of each name: its main thread's run and run-queue seconds so far */
  sched: Record<string, { running: number; waiting: number } | null>;
  machine: ReturnType<typeof machineCpu>;
}

export interface CpuSplit {
  /** cores used on average over the window, per process (group) */
  cores: Record<string, number>;
  machineBusyCores: number;
  /** busy cores not accounted for by the processes above (other work on the machine) */
  otherCores: number;
  /** of the machine's busy cores: interrupts (on loopback mostly the network stack) and steal (the hypervisor) */
  interruptCores: number;
  stealCores: number;
  cpus: number;
  /**
   * Per process (the first of its name), its event loop's thread: seconds per second it ran, and seconds per second
   * it was ready but waited for a CPU. Running + waiting near 1 means the loop never idled: it was saturated, and
   * whatever it did not get of a core went to the other processes on the machine.
   */
  loops: Record<string, { running: number; waiting: number }>;
}

export class Sampler {
  readonly pids: Record<string, number | undefined> = {};
  /** further processes counted under a name (CPU and RSS summed), e.g. a second api process */
  readonly extra: Record<string, number[]> = {};
  private readonly samples: Sample[] = [];
  private timer?: ReturnType<typeof setInterval>;

  start(intervalMs = 500): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  sample(): Sample {
    const rss: Record<string, number | null> = {};
    const cpu: Record<string, number | null> = {};
    const sched: Sample['sched'] = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      rss[name] = rssMb(pid);
      cpu[name] = cpuSeconds(pid);
      sched[name] = mainThreadSched(pid);
      for (const more of this.extra[name] ?? []) {
        rss[name] = sumOrNull(rss[name], rssMb(more));
        cpu[name] = sumOrNull(cpu[name], cpuSeconds(more));
      }
    }
    const byName = cpuSecondsByName(['postgres', 'redis-server']);
    cpu.postgres = byName.postgres;
    cpu.redis = byName['redis-server'];
    const s = { at: now(), rss, cpu, sched, machine: machineCpu() };
    this.samples.push(s);
    return s;
  }

  rss(name: string): number | null {
    return rssMb(this.pids[name]);
  }

  rssMax(name: string, start: number, end: number): number | null {
    let max: number | null = null;
    for (const s of this.samples) {
      if (s.at < start || s.at > end) continue;
      const v = s.rss[name];
      if (v != null && (max === null || v > max)) max = v;
    }
    return max;
  }

  cpuSplit(start: number, end: number): CpuSplit | null {
    const inside = this.samples.filter((s) => s.at >= start && s.at <= end);
    if (inside.length < 2) return null;
    const a = inside[0];
    const b = inside[inside.length - 1];
    const seconds = (b.at - a.at) / 1000;
    const cores: Record<string, number> = {};
    let ours = 0;
    for (const name of Object.keys(b.cpu)) {
      const x = a.cpu[name];
      const y = b.cpu[name];
      if (x == null || y == null) continue;
      // a postgres/redis process that exited between samples makes the sum drop: clamp at 0
      cores[name] = Math.max(0, (y - x) / seconds);
      ours += cores[name];
    }
    const cpus = os.cpus().length;
    const share = (key: keyof Sample['machine']) =>
      ((b.machine[key] - a.machine[key]) / (b.machine.total - a.machine.total)) * cpus;
    const machineBusyCores = share('busy');
    const loops: CpuSplit['loops'] = {};
    for (const name of Object.keys(b.sched)) {
      const x = a.sched[name];
      const y = b.sched[name];
      if (!x || !y || y.running < x.running) continue; // not running at both ends, or another process
      loops[name] = {
        running: (y.running - x.running) / seconds,
        waiting: (y.waiting - x.waiting) / seconds,
      };
    }
    return {
      cores,
      machineBusyCores,
      otherCores: Math.max(0, machineBusyCores - ours),
      interruptCores: share('interrupts'),
      stealCores: share('steal'),
      cpus,
      loops,
    };
  }
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
