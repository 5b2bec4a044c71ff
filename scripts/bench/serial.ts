// Where a serial request's cost goes (docs/cost.md): the browser benchmark's serial phase alone,
// after a warm-up whose verdicts are done, per arm: wall time per request and the CPU every
// Chromium process kind spent (thread schedstat, ns). Arms: none, observer, or a built extension
// directory (so two builds run side by side). Usage:
//   npx tsx scripts/bench/serial.ts observer dist /tmp/other-build
//   SERIAL_ROUNDS=n (rounds, arms rotating), SERIAL_N=n (requests),
//   SERIAL_COUNT=1 (an extension arm also prints the extension API calls its worker made),
//   SERIAL_PROFILE=1 (writes a CDP CPU profile of the worker to /tmp/serial-<arm>-<round>.cpuprofile).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TargetType, type Browser, type CDPSession } from 'puppeteer-core';
import { startLab } from '../../lab/index';
import { benchUrls, inPage, observerDir, type InPage } from './browser';
import { cpuByKind } from './cpu';
import { launchBenchChromium } from './launch';

const KINDS = ['page-renderer', 'extension-renderer', 'browser', 'network.mojom.NetworkService'];
const ROUNDS = Number(process.env.SERIAL_ROUNDS ?? 3);
const N = Number(process.env.SERIAL_N ?? 120);

/** Runs in the worker: counts the storage, action and cookie calls, and the events it is sent. */
const COUNT = `(() => {
  const c = (globalThis.__calls = {});
  const inc = (k, n = 1) => (c[k] = (c[k] ?? 0) + n);
  const patch = (o, name) => {
    for (const m of [...Object.keys(o), ...Object.keys(Object.getPrototypeOf(o))]) {
      const f = o[m];
      if (typeof f !== 'function' || m.startsWith('on')) continue;
      o[m] = function (...a) { inc(name + '.' + m); inc(name + '.' + m + ' bytes', JSON.stringify(a[0] ?? null).length); return f.apply(this, a); };
    }
  };
  patch(chrome.storage.session, 'session'); patch(chrome.storage.local, 'local'); patch(chrome.action, 'action'); patch(chrome.cookies, 'cookies');
  chrome.runtime.onMessage.addListener(() => void inc('runtime.onMessage'));
  return 1;
})()`;

async function workerOf(browser: Browser): Promise<CDPSession> {
  const t = await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith('chrome-extension://'));
  const s = await t.createCDPSession();
  // The target can exist before its script runs: wait for the extension API.
  for (let i = 0; i < 40 && (await s.send('Runtime.evaluate', { expression: 'chrome.runtime.id' })).exceptionDetails; i++)
    await new Promise((r) => setTimeout(r, 50));
  return s;
}

const value = async (s: CDPSession, expression: string): Promise<unknown> =>
  (await s.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;

async function once(arm: string, round: number, observer: string, lab: Awaited<ReturnType<typeof startLab>>): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'cci-serial-'));
  const dir = arm === 'observer' ? observer : arm === 'none' ? undefined : resolve(arm);
  const browser = await launchBenchChromium(profile, dir);
  try {
    const count = dir !== undefined && arm !== 'observer' && process.env.SERIAL_COUNT === '1';
    const profiling = dir !== undefined && process.env.SERIAL_PROFILE === '1';
    const worker = count || profiling ? await workerOf(browser) : undefined;
    const page = await browser.newPage();
    await page.goto(lab.pageUrl);
    const urls = benchUrls(lab);
    const arg = (phase: InPage['phase'], n: number): InPage => ({ urls, tag: `${arm}${round}`, phase, n });
    await page.evaluate(inPage, arg('warm', 30));
    await new Promise((r) => setTimeout(r, 4000)); // the warm-up's verdicts, stored
    if (count) await value(worker!, COUNT);
    if (profiling) for (const m of ['Profiler.enable', 'Profiler.start'] as const) await worker!.send(m);
    const root = browser.process()!.pid!;
    const before = cpuByKind(root, true);
    const { serial } = await page.evaluate(inPage, arg('serial', N));
    const after = cpuByKind(root, true);
    const per = (k: string) => (((after.get(k) ?? 0) - (before.get(k) ?? 0)) / N).toFixed(2);
    const all = ([...after].reduce((n, [k, v]) => n + v - (before.get(k) ?? 0), 0) / N).toFixed(2);
    console.log(`${arm.padEnd(14)} round ${round}: ${serial.toFixed(2)} ms/req; CPU ms/req: all ${all}, ${KINDS.map((k) => `${k} ${per(k)}`).join(', ')}`);
    if (count) console.log(`  ${N} requests, worker calls: ${JSON.stringify(await value(worker!, 'globalThis.__calls'))}`);
    if (profiling) writeFileSync(`/tmp/serial-${arm.replace(/\W/g, '_')}-${round}.cpuprofile`, JSON.stringify((await worker!.send('Profiler.stop')).profile));
  } finally {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

const arms = process.argv.slice(2);
const lab = await startLab();
const observer = observerDir(true);
try {
  for (let round = 0; round < ROUNDS; round++) for (let k = 0; k < arms.length; k++) await once(arms[(round + k) % arms.length]!, round, observer, lab);
} finally {
  rmSync(observer, { recursive: true, force: true });
  await lab.close();
}
