import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from /proc/<pid>/status (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Total CPU time of the machine (all cores, busy + idle) in ms, for utilisation. */
export function machineCpu(): { busyMs: number; totalMs: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + v[4];
  const total = v.reduce((a, b) => a + b, 0);
  return { busyMs: ((total - idle) * 1000) / 100, totalMs: (total * 1000) / 100 };
}

/** CPU ms per process (pid → [command name, ms]) for every process we can read. */
export function snapshotAll(): Map<number, [string, number]> {
  const out = new Map<number, [string, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), [comm, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100]);
    } catch {}
  }
  return out;
}

/**
 * Who used the CPU between two snapshots, by command name, as % of one core over `wallMs`;
 * processes in `mine` (pid → label) are reported under their label.
 */
export function cpuByCommand(
  before: Map<number, [string, number]>,
  after: Map<number, [string, number]>,
  wallMs: number,
  mine: Record<number, string> = {},
): Array<[string, number]> {
  const by = new Map<string, number>();
  for (const [pid, [comm, ms]] of after) {
    const used = ms - (before.get(pid)?.[1] ?? 0);
    if (used <= 0) continue;
    const key = mine[pid] ?? comm;
    by.set(key, (by.get(key) ?? 0) + used);
  }
  return [...by]
    .map(([k, ms]) => [k, Math.round((ms / wallMs) * 100)] as [string, number])
    .filter(([, pct]) => pct >= 2)
    .sort((a, b) => b[1] - a[1]);
}
