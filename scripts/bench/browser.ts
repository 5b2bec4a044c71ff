// Browser benchmark: what the extension costs a page, in real Chromium, against two baselines:
// no extension, and a do-nothing observer with the same six webRequest listeners, filter and
// extraHeaders (the floor any such observer pays: Chromium routes the requests' headers through
// the extension process). A benchmark, not a test: figures vary with the machine.
//
// Method (docs/cost.md): a fresh browser per arm and round; the arms alternate within each round,
// their order rotated from round to round. In each, the lab page runs a warm-up (30 requests),
// a burst (300 fetches in one loop) and 60 serial requests. Every phase starts from a quiet browser:
// after each phase the bench waits, by one rule for every arm (settle()), until all the browser's
// processes are idle, so work the extension defers (it holds a tab's verdicts until the page is
// quiet, up to 3 s) is done before the next phase starts and is counted in the CPU row of the
// phase that caused it. The wall times are the page's own and never include a settle. Each row
// prints the median over the rounds and its min–max; each ratio, the ratio of the medians and the
// range of the ratio within single rounds. BENCH_BUILDS=dir,dir compares several builds in the
// same rounds (e.g. main's beside a branch's).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import { extensionDir, launchWithExtension, type ExtensionBrowser } from '../browser/launch';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../browser/chromium';
import { browserCpu, browserPid, cpuByKind } from './cpu';

/** 'none', 'observer', or a build's label ('ours', or 'ours1', 'ours2'… with BENCH_BUILDS). */
type Arm = string;
interface Figures {
  /** The page's own loop of 300 fetch() calls (the calls only, not their answers), ms. */
  loop: number;
  /** The whole burst of 300 credentialed fetches (1 in 10 blocked, 1 in 3 preflighted), ms. */
  burst: number;
  /** One awaited credentialed request after another, ms per request. */
  serial: number;
  /** CPU time every process of the browser spent during the burst and the settle after it (/proc), ms. */
  burstCpu: number;
  /** The same during the serial requests and the settle after them, ms per request. */
  serialCpu: number;
  /** How long the browser took to be quiet after the burst, and after the serial requests, ms. */
  burstSettle: number;
  serialSettle: number;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BURST = 300;
const SERIAL = 60;

/**
 * The observer: the same listeners as extension/background/main.ts, doing nothing. `extra` false
 * drops `extraHeaders` (a diagnostic arm: what the header-client round trips cost on their own).
 */
export function observerDir(extra = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'cci-observer-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'observer',
      version: '1.0',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'sw.js' },
    }),
  );
  const x = extra ? ", 'extraHeaders'" : '';
  writeFileSync(
    join(dir, 'sw.js'),
    `const FILTER = { urls: ['<all_urls>'], types: ['xmlhttprequest', 'other'] };
const noop = () => {};
const wr = chrome.webRequest;
wr.onBeforeRequest.addListener(noop, FILTER, [${x.slice(2)}]);
wr.onSendHeaders.addListener(noop, FILTER, ['requestHeaders'${x}]);
wr.onHeadersReceived.addListener(noop, FILTER, ['responseHeaders'${x}]);
wr.onBeforeRedirect.addListener(noop, FILTER, [${x.slice(2)}]);
wr.onCompleted.addListener(noop, FILTER, [${x.slice(2)}]);
wr.onErrorOccurred.addListener(noop, FILTER, [${x.slice(2)}]);`,
  );
  return dir;
}

interface Opened {
  page: () => Promise<Page>;
  close(): Promise<void>;
  /** The extension arm: the pause switch on (listeners off, the page hook gives the natives back). */
  pause?(): Promise<void>;
}

async function open(arm: 'none' | 'observer' | 'extension', dir: string): Promise<Opened> {
  if (arm === 'none') {
    // The same kind of browser as the other arms (a persistent profile), with no extension at all.
    const profile = mkdtempSync(join(tmpdir(), 'cci-none-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: chromiumArgs(['--headless=new', '--disable-extensions']),
      headless: false,
    });
    return {
      page: () => context.newPage(),
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  const b: ExtensionBrowser = await launchWithExtension({ dir });
  if (arm === 'observer') return { page: () => b.context.newPage(), close: () => b.close() };
  return {
    page: () => b.context.newPage(),
    close: () => b.close(),
    async pause() {
      // From one of our pages, as the popup's switch does (storage.local `paused`).
      const own = await b.context.newPage();
      await own.goto(`chrome-extension://${b.extensionId}/extension/popup/popup.html`);
      await own.evaluate(() => chrome.storage.local.set({ paused: true }));
      await own.close();
    },
  };
}

/**
 * Runs in the page: µs per fetch() call that fails before any network (a malformed URL), best of
 * five loops of `n`. What the page hook adds to each of the page's own calls, without the
 * network and the webRequest traffic that dominate a real call.
 */
export async function callCost(n: number): Promise<number> {
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fetch('http://[').catch(() => 0);
    best = Math.min(best, performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return (best * 1000) / n;
}

/** The page hook's cost per call: hooked, then with the natives given back by the pause switch. */
async function hookCost(page: Page, b: Opened): Promise<{ hooked: number; native: number }> {
  const hooked = await page.evaluate(callCost, 2_000);
  await b.pause!();
  // The bridge hears of the switch through storage.onChanged and tells the hook to step aside:
  // fetch prints as the native again (a Proxy of it prints without the name).
  await page.waitForFunction(() => Function.prototype.toString.call(fetch) === 'function fetch() { [native code] }');
  return { hooked, native: await page.evaluate(callCost, 2_000) };
}

export interface BenchUrls {
  ok: string;
  put: string;
  blocked: string;
}

export const benchUrls = (lab: Lab): BenchUrls => ({
  ok: `${lab.crossSiteOrigin}/s/control-get-cross-site/0`,
  put: `${lab.sameSiteOrigin}/c/s/control-put-json/0`,
  blocked: `${lab.crossSiteOrigin}/s/acao-wildcard/0`,
});

/**
 * Runs in the page (self-contained: it is serialised). 'warm' opens the connections; 'burst' fires
 * `n` credentialed fetches in one loop and times the loop and the whole burst; 'serial' awaits one
 * request after another and times each. 1 in 10 blocked, 1 in 3 preflighted.
 */
export interface InPage {
  urls: BenchUrls;
  tag: string;
  phase: 'warm' | 'burst' | 'serial';
  n: number;
}

export async function inPage({ urls, tag, phase, n }: InPage): Promise<{ loop: number; burst: number; serial: number }> {
  // tsx (esbuild, keepNames) wraps named inner functions in __name(): give the page one.
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  const call = (i: number, run: string) =>
    i % 10 === 0
      ? fetch(`${urls.blocked}?run=${run}-${i}`, { credentials: 'include' })
      : i % 3 === 0
        ? fetch(`${urls.put}?run=${run}-${i}`, { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
        : fetch(`${urls.ok}?run=${run}-${i}`, { credentials: 'include' });
  const settle = (ps: Promise<unknown>[]) =>
    Promise.all(
      ps.map((p) =>
        p.then(
          () => 0,
          () => 1,
        ),
      ),
    );
  const out = { loop: 0, burst: 0, serial: 0 };
  if (phase === 'warm') await settle(Array.from({ length: n }, (_, i) => call(i, `${tag}-warm`)));
  if (phase === 'burst') {
    const t0 = performance.now();
    const ps: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) ps.push(call(i, `${tag}-burst`));
    const t1 = performance.now();
    await settle(ps);
    out.loop = t1 - t0;
    out.burst = performance.now() - t0;
  }
  if (phase === 'serial') {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await call(i * 10 + 1, `${tag}-serial`).catch(() => 0);
    out.serial = (performance.now() - t0) / n;
  }
  return out;
}

/**
 * Waits until the browser is quiet, by the same rule in every arm: at least SETTLE_MIN_MS, then
 * until all its processes together spent less than QUIET_CPU_MS of CPU in the last QUIET_WINDOW_MS
 * (thread schedstat, cpu.ts), at most SETTLE_MAX_MS. The minimum outlasts the extension's hold of
 * a tab's verdicts once the page is quiet (150 ms, extension/background/main.ts) and its gathered
 * writes (journal 30 ms, store 100 ms); the window outlasts the gaps between them. Returns the ms waited.
 */
const SETTLE_MIN_MS = 1_000;
const SETTLE_MAX_MS = Number(process.env.BENCH_SETTLE_MAX_MS ?? 8_000);
const QUIET_WINDOW_MS = 300;
const QUIET_CPU_MS = Number(process.env.BENCH_QUIET_CPU_MS ?? 15);
async function settle(root: number | undefined): Promise<number> {
  const t0 = Date.now();
  const fine = () => (root === undefined ? 0 : [...cpuByKind(root, true).values()].reduce((a, b) => a + b, 0));
  const samples: { at: number; ms: number }[] = [];
  for (;;) {
    const at = Date.now() - t0;
    samples.push({ at, ms: fine() });
    const from = samples.find((s) => s.at >= at - QUIET_WINDOW_MS)!;
    const quiet = at - from.at >= QUIET_WINDOW_MS - 50 && samples.at(-1)!.ms - from.ms < QUIET_CPU_MS;
    if (at >= SETTLE_MAX_MS || (at >= SETTLE_MIN_MS && quiet)) return at;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The three measurements. Each phase starts from a quiet browser (settle), and each CPU row runs
 * from its phase's start to the end of the settle after it, so work a phase sets off and the
 * extension defers (verdicts held until the page is quiet) is charged to the phase that caused it,
 * not to the next one. The page's wall times (loop, burst, serial) never include a settle.
 */
async function measure(page: Page, lab: Lab, tag: string): Promise<Figures> {
  const urls = benchUrls(lab);
  const arg = (phase: InPage['phase'], n: number): InPage => ({ urls, tag, phase, n });
  const root = browserPid();
  await page.evaluate(inPage, arg('warm', 30));
  await settle(root);
  const c0 = browserCpu(root);
  const { loop, burst } = await page.evaluate(inPage, arg('burst', BURST));
  const burstSettle = await settle(root);
  const c1 = browserCpu(root);
  const { serial } = await page.evaluate(inPage, arg('serial', SERIAL));
  const serialSettle = await settle(root);
  const c2 = browserCpu(root);
  // BENCH_RESIDUAL=1: the CPU of the second after the last settle, to check that settle() waited long enough.
  if (process.env.BENCH_RESIDUAL === '1') {
    await new Promise((r) => setTimeout(r, 1000));
    console.error(`${tag}: ${browserCpu(root) - c2} ms of CPU in the second after the settle`);
  }
  return { loop, burst, serial, burstCpu: c1 - c0, serialCpu: (c2 - c1) / SERIAL, burstSettle, serialSettle };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

/** The arms: no extension, the observer, and each build (BENCH_BUILDS=dir,dir; default dist/ or $EXTENSION_DIR). */
function armsOf(): { arms: Arm[]; builds: Map<Arm, string> } {
  const dirs = process.env.BENCH_BUILDS?.split(',').filter(Boolean) ?? [extensionDir()];
  const builds = new Map<Arm, string>(dirs.map((d, i) => [dirs.length === 1 ? 'ours' : `ours${i + 1}`, resolve(d)]));
  return { arms: ['none', 'observer', ...builds.keys()], builds };
}

async function runRounds(lab: Lab, arms: Arm[], builds: Map<Arm, string>, observer: string) {
  const seen = new Map<Arm, Figures[]>(arms.map((a) => [a, []]));
  const calls = new Map<Arm, { hooked: number; native: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < arms.length; k++) {
      const arm = arms[(round + k) % arms.length]!;
      const b = await open(arm === 'none' || arm === 'observer' ? arm : 'extension', arm === 'observer' ? observer : builds.get(arm)!);
      try {
        const page = await b.page();
        await page.goto(lab.pageUrl);
        seen.get(arm)!.push(await measure(page, lab, `${arm}-${round}`));
        if (b.pause) calls.set(arm, [...(calls.get(arm) ?? []), await hookCost(page, b)]);
      } finally {
        await b.close();
      }
    }
    console.error(`browser bench: round ${round + 1} of ${ROUNDS} done`);
  }
  return { seen, calls };
}

/** One line per arm and measurement: median, min–max over the rounds, and the per-round ratios' median and range. */
function report(arms: Arm[], builds: Map<Arm, string>, seen: Map<Arm, Figures[]>): void {
  const rows: [string, keyof Figures, string][] = [
    [`page's own loop of ${BURST} fetch() calls`, 'loop', 'ms'],
    [`burst of ${BURST} credentialed fetches (1/10 blocked)`, 'burst', 'ms'],
    ['serial credentialed requests', 'serial', 'ms/req'],
    ['CPU of all browser processes, burst + settle', 'burstCpu', 'ms'],
    ['CPU of all browser processes, serial + settle', 'serialCpu', 'ms/req'],
    ['settle after the burst (not in any wall time)', 'burstSettle', 'ms'],
    ['settle after the serial requests', 'serialSettle', 'ms'],
  ];
  const ratio = (arm: Arm, base: Arm, k: keyof Figures) => {
    const per = seen.get(arm)!.map((f, i) => f[k] / seen.get(base)![i]![k]);
    return `${(median(seen.get(arm)!.map((f) => f[k])) / median(seen.get(base)!.map((f) => f[k]))).toFixed(2)}x (rounds ${Math.min(...per).toFixed(2)}–${Math.max(...per).toFixed(2)})`;
  };
  console.log(
    `\nbrowser  ${'benchmark'.padEnd(46)} ${'arm'.padEnd(9)} ${'median'.padStart(8)} ${'min–max'.padStart(15)} ${'unit'.padEnd(6)} ${'/observer'.padEnd(24)} /none`,
  );
  for (const [name, k, unit] of rows) {
    for (const arm of arms) {
      const xs = seen.get(arm)!.map((f) => f[k]);
      const spread = `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
      const vs = arm === 'none' || k.endsWith('Settle') ? '' : `${arm === 'observer' ? '' : ratio(arm, 'observer', k)}`.padEnd(24);
      const vsNone = arm === 'none' || k.endsWith('Settle') ? '' : ratio(arm, 'none', k);
      console.log(
        `browser  ${(arm === arms[0] ? name : '').padEnd(46)} ${arm.padEnd(9)} ${fmt(median(xs)).padStart(8)} ${spread.padStart(15)} ${unit.padEnd(6)} ${vs} ${vsNone}`,
      );
    }
  }
  for (const [arm, dir] of builds) console.log(`${arm}: ${dir}`);
}

export async function benchBrowser(): Promise<void> {
  const lab = await startLab();
  const observer = observerDir();
  const { arms, builds } = armsOf();
  try {
    const { seen, calls } = await runRounds(lab, arms, builds, observer);
    report(arms, builds, seen);
    for (const [arm, c] of calls) {
      const hooked = median(c.map((x) => x.hooked));
      const native = median(c.map((x) => x.native));
      console.log(
        `browser  ${`page hook (${arm}): one fetch() call, µs (hooked, native)`.padEnd(46)} ${hooked.toFixed(2).padStart(9)} ${native.toFixed(2).padStart(9)}  +${(hooked - native).toFixed(2)} µs a call`,
      );
    }
  } finally {
    rmSync(observer, { recursive: true, force: true });
    await lab.close();
  }
  console.log(`\nChromium ${chromiumPath()}, loopback lab servers; median of ${ROUNDS} rounds, arms alternating (BENCH_ROUNDS=n to change).`);
  console.log('Ratios: of the medians; "rounds": the range of the ratio within each round (arms of one round ran back to back).');
  console.log('Target: ours/observer ≤ 1.10x for the loop, the burst and per serial request.');
  console.log('CPU rows (/proc): what the arms cost the machine, which other load disturbs far less than wall time; each includes the settle after its phase.');
}
