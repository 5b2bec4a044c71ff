// Where the extension's cost goes (docs/cost.md): one burst (or, PROFILE_PHASE=serial, the 60 serial
// requests) of the browser benchmark per arm, with the CPU time each Chromium process spent during
// it (/proc, Linux), and optionally a CDP CPU profile of the extension's service worker (self time
// per function). Diagnostic arms switch parts of the extension off from the worker, so the same
// build serves every arm. Usage:
//   npx tsx scripts/bench/profile.ts [arm ...]   (PROFILE_ROUNDS=n: medians of n rounds;
//                                                 PROFILE_WORKER=1 adds the worker profile, also
//                                                 written to /tmp/profile-<arm>-<round>.cpuprofile;
//                                                 PROFILE_PHASE=serial measures the serial phase)
// Arms: none, observer, observer-lean (no extraHeaders), extension, no-hook (the worker only: a
// copy of the build whose page scripts are empty), hook-only (page hook + bridge: a copy
// without the worker, so the bridge's messages go nowhere).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { TargetType, type Browser, type CDPSession } from 'puppeteer-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../../lab/index';
import { extensionDir } from '../browser/launch';
import { benchUrls, inPage, observerDir, type InPage } from './browser';
import { cpuByKind } from './cpu';
import { launchBenchChromium } from './launch';

type Arm = 'none' | 'observer' | 'observer-lean' | 'extension' | 'no-hook' | 'hook-only';
async function workerSession(browser: Browser): Promise<CDPSession> {
  const t = await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith('chrome-extension://'), { timeout: 30_000 });
  return t.createCDPSession();
}

/** Runs `js` in the extension's worker (Runtime.evaluate, awaiting a promise). */
async function inWorker(s: CDPSession, js: string): Promise<void> {
  for (let i = 0; ; i++) {
    const r = await s.send('Runtime.evaluate', { expression: js, awaitPromise: true });
    if (!r.exceptionDetails) return;
    // The worker's target can exist before its script runs (no `chrome` yet): try again shortly.
    if (i > 40 || !/chrome is not defined/.test(JSON.stringify(r.exceptionDetails))) throw new Error(JSON.stringify(r.exceptionDetails));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A copy of the built extension for a diagnostic arm: without the worker (the manifest's
 * `background` removed), or without the page scripts. Those are emptied, not removed from the
 * manifest: without static content scripts the worker registers them itself (watching.ts
 * `syncContentScripts`), and the page would be hooked after all.
 */
function variant(without: 'page-scripts' | 'background'): string {
  const dir = mkdtempSync(join(tmpdir(), `cci-${without}-`));
  cpSync(extensionDir(), dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background?: unknown; content_scripts?: { js: string[] }[] };
  if (without === 'background') delete m.background;
  else for (const c of m.content_scripts ?? []) for (const js of c.js) writeFileSync(join(dir, js), '');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return dir;
}

async function launch(arm: Arm, observer: string, lean: string): Promise<{ browser: Browser; worker?: CDPSession; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'cci-prof-'));
  const dir =
    arm === 'observer'
      ? observer
      : arm === 'observer-lean'
        ? lean
        : arm === 'none'
          ? undefined
          : arm === 'no-hook'
            ? variant('page-scripts')
            : arm === 'hook-only'
              ? variant('background')
              : extensionDir();
  const browser = await launchBenchChromium(profile, dir);
  if (!dir || arm === 'hook-only') return { browser, profile };
  const worker = await workerSession(browser);
  await inWorker(worker, 'chrome.runtime.id');
  return { browser, worker, profile };
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Time per function including what it called (each function counted once per stack). */
function topTotal(profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] }, n = 25): string[] {
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const total = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      if (!f.url.includes('assets/')) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
    }
  });
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}
function topSelf(profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] }, n = 20): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

const arms = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['none', 'observer', 'extension']) as Arm[];
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 1);
/** The phase measured: the burst (300 fetches in one loop, the default) or 60 serial requests. */
const PHASE = process.env.PROFILE_PHASE === 'serial' ? 'serial' : 'burst';
const KINDS = ['page-renderer', 'extension-renderer', 'browser', 'network.mojom.NetworkService'];
/** Per arm and round: loop, burst, and CPU ms per process kind during the burst and after it. */
const seen = new Map<Arm, Record<string, number>[]>();
const lab = await startLab();
const observer = observerDir(true);
const lean = observerDir(false);

async function once(arm: Arm, round: number): Promise<void> {
  console.error(`round ${round} ${arm}`);
  const { browser, worker, profile } = await launch(arm, observer, lean);
  try {
    const page = await browser.newPage();
    await page.goto(lab.pageUrl);
    const urls = benchUrls(lab);
    const warm: InPage = { urls, tag: `${arm}${round}`, phase: 'warm', n: 30 };
    await page.evaluate(inPage, warm);
    await new Promise((r) => setTimeout(r, 1500));
    const profiling = worker !== undefined && process.env.PROFILE_WORKER === '1';
    if (profiling) {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.start');
    }
    const root = browser.process()!.pid!;
    const before = cpuByKind(root);
    const measured: InPage = { urls, tag: `${arm}${round}`, phase: PHASE, n: PHASE === 'serial' ? 60 : 300 };
    const figures = await page.evaluate(inPage, measured);
    const after = cpuByKind(root);
    // What the extension still does once the page has its answers.
    await new Promise((r) => setTimeout(r, 1500));
    const later = cpuByKind(root);
    const row: Record<string, number> = { loop: figures.loop, burst: figures.burst, serial: figures.serial };
    for (const k of KINDS) {
      row[k] = (after.get(k) ?? 0) - (before.get(k) ?? 0);
      row[`${k} after`] = (later.get(k) ?? 0) - (after.get(k) ?? 0);
    }
    seen.set(arm, [...(seen.get(arm) ?? []), row]);
    if (profiling) {
      const { profile: p } = await worker.send('Profiler.stop');
      writeFileSync(`/tmp/profile-${arm}-${round}.cpuprofile`, JSON.stringify(p));
      console.log(`\n${arm}: worker self time (${PHASE} and 1.5 s after):`);
      for (const line of topSelf(p)) console.log(line);
      console.log('worker total time of our functions:');
      for (const line of topTotal(p)) console.log(line);
    }
  } finally {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  for (let round = 0; round < ROUNDS; round++) for (let k = 0; k < arms.length; k++) await once(arms[(round + k) % arms.length]!, round);
} finally {
  rmSync(observer, { recursive: true, force: true });
  rmSync(lean, { recursive: true, force: true });
  await lab.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cols = [...(PHASE === 'serial' ? ['serial'] : ['loop', 'burst']), ...KINDS.flatMap((k) => [k, `${k} after`])];
const short = (c: string) =>
  c.replace('network.mojom.NetworkService', 'network').replace('extension-renderer', 'ext-rend').replace('page-renderer', 'page-rend');
console.log(`\nmedians of ${ROUNDS} round(s), ms (CPU ms per process kind during the ${PHASE}, and in the 1.5 s after it)`);
console.log(['arm'.padEnd(14), ...cols.map((c) => short(c).padStart(16))].join(' '));
for (const arm of arms)
  console.log(
    [
      arm.padEnd(14),
      ...cols.map((c) =>
        median((seen.get(arm) ?? []).map((r) => r[c] ?? 0))
          .toFixed(0)
          .padStart(16),
      ),
    ].join(' '),
  );
