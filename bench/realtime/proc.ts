/** Reads process and machine figures from /proc (Linux): resident memory and CPU time. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second (the unit of CPU times in /proc). */
export let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  // Linux default
}

/** VmRSS of a process in MB, or null when it is gone. */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A process's command name and CPU seconds (user + system) so far, or null when it is gone. */
export function processStat(pid: number | string): { comm: string; cpuSeconds: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15
    return {
      comm: text.slice(open + 1, close),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / clockTicks,
    };
  } catch {
    return null;
  }
}

/**
 * The main thread of a process (for Node: the event loop): seconds it has run so far, and seconds it was ready to
 * run but waited for a CPU (the scheduler's run queue; `/proc/<pid>/task/<pid>/schedstat`).
 */
export function mainThreadSched(pid: number | undefined): { running: number; waiting: number } | null {
  if (!pid) return null;
  try {
    const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    return { running: running / 1e9, waiting: waiting / 1e9 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number | undefined): number | null {
  return pid ? (processStat(pid)?.cpuSeconds ?? null) : null;
}

/** CPU seconds used so far by all processes with one of these names (e.g. every postgres backend). */
export function cpuSecondsByName(names: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = processStat(entry);
    if (stat && stat.comm in out) out[stat.comm] += stat.cpuSeconds;
  }
  return out;
}

/**
 * CPU seconds of the whole machine (all cores) so far: busy and total, and of the busy time what went to
 * interrupts (irq + softirq: on loopback, most of the network stack's work) and to steal (the hypervisor ran
 * something else on this machine's virtual cores).
 */
export function machineCpu(): { busy: number; total: number; interrupts: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return {
    busy: (total - idle) / clockTicks,
    total: total / clockTicks,
    interrupts: ((v[5] ?? 0) + (v[6] ?? 0)) / clockTicks,
    steal: (v[7] ?? 0) / clockTicks,
  };
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}

/** TCP counters of this network namespace that show an overflowing accept queue (cumulative). */
export function tcpCounters(): Record<string, number> {
  const wanted = ['ListenOverflows', 'ListenDrops', 'TCPSynRetrans'];
  const out: Record<string, number> = {};
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      if (!lines[i].startsWith('TcpExt:')) continue;
      const names = lines[i].split(/\s+/);
      const values = lines[i + 1].split(/\s+/);
      names.forEach((n, j) => {
        if (wanted.includes(n)) out[n] = Number(values[j]);
      });
    }
  } catch {
    // not Linux
  }
  return out;
}

export function counterDelta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)]));
}
