// What one storage.session.set costs (docs/cost.md): CPU per call of the extension's worker, the
// browser process and all of Chromium (thread schedstat), for a request as the journal keeps it,
// written one per call or ten per call, against a one-byte value. Run in a built extension's
// worker, so its own listeners (storage.onChanged or not) are what the figures include. Usage:
//   npx tsx scripts/bench/storage-calls.ts [dist]     (medians of 7 rounds of 300 calls per arm)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { TargetType } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../browser/chromium';
import { cpuByKind } from './cpu';

const N = 300;
const ROUNDS = 7;
/** A request as the journal writes it (a lab request of the benchmark's serial phase, ~0.9 KB). */
const REQUEST = `globalThis.req = (k) => ({ requestId: String(k), tabId: 934707589, frameId: 0, documentId: 'B8D2387832380E12FB7BD89F3B440304', blocked: false,
  record: { method: 'GET', origin: 'http://localhost:42113', credentials: 'include', initiator: 'fetch',
    requestHeaders: [{ name: 'Accept', value: '*/*' }, { name: 'Accept-Language', value: 'en-US,en;q=0.9' }],
    hops: [{ url: 'http://127.0.0.1:39019/s/control-get-cross-site/0?run=serial-' + k, response: { status: 200, headers: [
      ['Cache-Control', 'no-store'], ['Access-Control-Allow-Origin', 'http://localhost:42113'], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'],
      ['Content-Type', 'application/json'], ['Content-Length', '58'], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5']].map(([name, value]) => ({ name, value })) } }] },
  cookie: false, storageAccess: true, hint: { credentials: 'include', initiator: 'fetch' } })`;
/** Per arm: a function of the call number k, run N times at once. */
const ARMS: Record<string, string> = {
  'one byte': `(k) => chrome.storage.session.set({ ['s:' + k]: 1 })`,
  'one request': `(k) => chrome.storage.session.set({ ['req:' + k]: req(k) })`,
  'ten requests': `(k) => k % 10 ? null : chrome.storage.session.set(Object.fromEntries(Array.from({ length: 10 }, (_, i) => ['req:' + (k + i), req(k + i)])))`,
  // As the journal writes them since: each request's JSON text (journal.ts).
  'one as JSON': `(k) => chrome.storage.session.set({ ['req:' + k]: JSON.stringify(req(k)) })`,
  'ten as JSON': `(k) => k % 10 ? null : chrome.storage.session.set(Object.fromEntries(Array.from({ length: 10 }, (_, i) => ['req:' + (k + i), JSON.stringify(req(k + i))])))`,
};

const dir = resolve(process.argv[2] ?? 'dist');
const profile = mkdtempSync(join(tmpdir(), 'cci-storage-'));
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: false,
  pipe: true,
  userDataDir: profile,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: chromiumArgs(['--headless=new', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`]),
});
const seen: Record<string, { worker: number[]; browser: number[]; all: number[] }> = {};
try {
  const t = await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER);
  const s = await t.createCDPSession();
  await new Promise((r) => setTimeout(r, 2000)); // the worker's own start-up
  const run = async (expression: string) => {
    const r = await s.send('Runtime.evaluate', { awaitPromise: true, expression });
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  };
  await run(REQUEST);
  const root = browser.process()!.pid!;
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, call] of Object.entries(ARMS)) {
      const before = cpuByKind(root, true);
      // The calls, then 300 ms for what they set off (the browser's events) to finish.
      await run(
        `(async () => { const f = ${call}; await Promise.all(Array.from({ length: ${N} }, (_, k) => f(k))); await new Promise((r) => setTimeout(r, 300)); })()`,
      );
      const after = cpuByKind(root, true);
      const d = (k: string) => (((after.get(k) ?? 0) - (before.get(k) ?? 0)) * 1000) / N;
      const x = (seen[name] ??= { worker: [], browser: [], all: [] });
      x.worker.push(d('extension-renderer'));
      x.browser.push(d('browser'));
      x.all.push([...after.keys()].reduce((n, k) => n + d(k), 0));
      await run('chrome.storage.session.clear()'); // within storage.session's quota
    }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(xs.length / 2)]!.toFixed(0).padStart(6);
};
console.log(`${dir}: µs of CPU per request written (medians of ${ROUNDS} rounds of ${N})`);
for (const [name, x] of Object.entries(seen))
  console.log(`  ${name.padEnd(14)} worker ${median(x.worker)}  browser ${median(x.browser)}  all ${median(x.all)}`);
