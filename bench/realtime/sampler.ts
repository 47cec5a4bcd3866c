/**
 * Samples, every 500 ms: resident memory of the servers, CPU seconds of every process of the run (and of all
 * postgres / redis-server processes, and of the whole machine). Windows of the samples give RSS maxima and how
 * the CPU was split between the api, the worker, the databases and the load generators.
 */
import os from 'node:os';
import { cpuSeconds, cpuSecondsByName, machineCpu, rssMb } from './proc';
import { now } from './rpc';

interface Sample {
  at: number;
  rss: Record<string, number | null>;
  cpu: Record<string, number | null>;
  machine: { busy: number; total: number };
}

export interface CpuSplit {
  /** cores used on average over the window, per process (group) */
  cores: Record<string, number>;
  machineBusyCores: number;
  /** busy cores not accounted for by the processes above (other work on the machine) */
  otherCores: number;
  cpus: number;
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
    for (const [name, pid] of Object.entries(this.pids)) {
      rss[name] = rssMb(pid);
      cpu[name] = cpuSeconds(pid);
      for (const more of this.extra[name] ?? []) {
        rss[name] = sumOrNull(rss[name], rssMb(more));
        cpu[name] = sumOrNull(cpu[name], cpuSeconds(more));
      }
    }
    const byName = cpuSecondsByName(['postgres', 'redis-server']);
    cpu.postgres = byName.postgres;
    cpu.redis = byName['redis-server'];
    const s = { at: now(), rss, cpu, machine: machineCpu() };
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
    const machineBusyCores = ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * cpus;
    return { cores, machineBusyCores, otherCores: Math.max(0, machineBusyCores - ours), cpus };
  }
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
