// Browser benchmark: what the extension costs a page, in real Chromium, against two baselines:
// no extension, and a do-nothing observer with the same six webRequest listeners, filter and
// extraHeaders (the floor any such observer pays: Chromium routes the requests' headers through
// the extension process). Arms alternate within each round (order rotated), a fresh browser per
// arm and round; medians over the rounds. A benchmark, not a test: figures vary with the machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import { extensionDir, launchWithExtension, type ExtensionBrowser } from '../browser/launch';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../browser/chromium';
import { browserCpu, browserPid } from './cpu';

type Arm = 'none' | 'observer' | 'extension';
interface Figures {
  /** The page's own loop of 300 fetch() calls (the calls only, not their answers), ms. */
  loop: number;
  /** The whole burst of 300 credentialed fetches (1 in 10 blocked, 1 in 3 preflighted), ms. */
  burst: number;
  /** One awaited credentialed request after another, ms per request. */
  serial: number;
  /** CPU time every process of the browser spent during the burst (/proc), ms. */
  burstCpu: number;
  /** The same during the serial requests, ms per request. */
  serialCpu: number;
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
wr.onBeforeRedirect.addListener(noop, FILTER, ['responseHeaders'${x}]);
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

async function open(arm: Arm, observer: string): Promise<Opened> {
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
  const b: ExtensionBrowser = await launchWithExtension({ dir: arm === 'observer' ? observer : extensionDir() });
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

/** The three measurements, after a warm-up that opens the connections. */
async function measure(page: Page, lab: Lab, tag: string): Promise<Figures> {
  const urls = benchUrls(lab);
  const arg = (phase: InPage['phase'], n: number): InPage => ({ urls, tag, phase, n });
  const root = browserPid();
  await page.evaluate(inPage, arg('warm', 30));
  const c0 = browserCpu(root);
  const { loop, burst } = await page.evaluate(inPage, arg('burst', BURST));
  const c1 = browserCpu(root);
  const { serial } = await page.evaluate(inPage, arg('serial', SERIAL));
  const c2 = browserCpu(root);
  return { loop, burst, serial, burstCpu: c1 - c0, serialCpu: (c2 - c1) / SERIAL };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchBrowser(): Promise<void> {
  const lab = await startLab();
  const observer = observerDir();
  const arms: Arm[] = ['none', 'observer', 'extension'];
  const seen: Record<Arm, Figures[]> = { none: [], observer: [], extension: [] };
  const calls: { hooked: number; native: number }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < arms.length; k++) {
        const arm = arms[(round + k) % arms.length]!;
        const b = await open(arm, observer);
        try {
          const page = await b.page();
          await page.goto(lab.pageUrl);
          seen[arm].push(await measure(page, lab, `${arm}-${round}`));
          if (b.pause) calls.push(await hookCost(page, b));
        } finally {
          await b.close();
        }
      }
    }
  } finally {
    rmSync(observer, { recursive: true, force: true });
    await lab.close();
  }
  const m = (arm: Arm, k: keyof Figures) => median(seen[arm].map((f) => f[k]));
  const row = (name: string, k: keyof Figures, unit: string) => {
    const [n, o, e] = arms.map((a) => m(a, k));
    console.log(
      `browser  ${name.padEnd(44)} ${n!.toFixed(2).padStart(9)} ${o!.toFixed(2).padStart(9)} ${e!.toFixed(2).padStart(9)} ${unit.padEnd(6)} ${(e! / n!).toFixed(2).padStart(8)}x ${(e! / o!).toFixed(2).padStart(8)}x ${(o! / n!).toFixed(2).padStart(8)}x`,
    );
  };
  console.log(
    `\nbrowser  ${'benchmark'.padEnd(44)} ${'none'.padStart(9)} ${'observer'.padStart(9)} ${'ours'.padStart(9)} ${''.padEnd(6)} ${'ours/none'.padStart(9)} ${'ours/obs'.padStart(9)} ${'obs/none'.padStart(9)}`,
  );
  row(`page's own loop of ${BURST} fetch() calls`, 'loop', 'ms');
  row(`burst of ${BURST} credentialed fetches (1/10 blocked)`, 'burst', 'ms');
  row(`serial credentialed requests`, 'serial', 'ms/req');
  row(`CPU of all browser processes, burst`, 'burstCpu', 'ms');
  row(`CPU of all browser processes, serial`, 'serialCpu', 'ms/req');
  const hooked = median(calls.map((c) => c.hooked));
  const native = median(calls.map((c) => c.native));
  console.log(
    `browser  ${'page hook: one fetch() call, µs (hooked, native)'.padEnd(44)} ${hooked.toFixed(2).padStart(9)} ${native.toFixed(2).padStart(9)}  +${(hooked - native).toFixed(2)} µs a call`,
  );
  console.log(`\nChromium ${chromiumPath()}, loopback lab servers; median of ${ROUNDS} rounds, arms alternating (BENCH_ROUNDS=n to change).`);
  console.log('Targets: ours/none ≤ 1.05x for the loop; ours/observer ≤ 1.05x for the burst and per serial request.');
  console.log('CPU rows (/proc, 10 ms ticks): what the arms cost the machine, which other load disturbs far less than wall time.');
}
