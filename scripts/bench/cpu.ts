// CPU time of a browser's processes, from /proc (Linux): a cost figure that other work on the
// machine disturbs much less than wall time does (a loaded 2-core machine stretches every wall
// time, not the CPU a process spends).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms of every live thread of a process (schedstat: nanoseconds, where /proc/<pid>/stat counts 10 ms ticks). */
function threadsMs(pid: string): number {
  let ns = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e6;
}

/**
 * Every process under `root`, by kind, with its CPU time so far (ms). `fine`: from the threads'
 * schedstat (ns; a thread that has exited no longer counts), for differences of a few ms.
 */
export function cpuByKind(root: number, fine = false): Map<string, number> {
  const procs = new Map<number, { ppid: number; ms: number; kind: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      const kind =
        type === 'renderer'
          ? cmd.includes('--extension-process')
            ? 'extension-renderer'
            : 'page-renderer'
          : type === 'utility'
            ? (/sub-type=([\w.]+)/.exec(cmd)?.[1] ?? 'utility')
            : type;
      procs.set(Number(name), { ppid: Number(f[1]), ms: fine ? threadsMs(name) : (Number(f[11]) + Number(f[12])) * TICK_MS, kind });
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 20; p = procs.get(p)?.ppid ?? 0, i++) if (p === root) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, p] of procs) if (under(pid)) out.set(p.kind, (out.get(p.kind) ?? 0) + p.ms);
  return out;
}

/** The browser Playwright or Puppeteer started: a child of this process running Chromium. */
export function browserPid(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && /chrom/i.test(readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0]!)) return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** All CPU ms the browser's processes spent so far (0 where /proc is missing). */
export function browserCpu(root: number | undefined): number {
  if (root === undefined) return 0;
  let ms = 0;
  for (const v of cpuByKind(root).values()) ms += v;
  return ms;
}
