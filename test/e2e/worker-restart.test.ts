// Nothing lost when the worker dies, in real Chromium 156: the page sends 4 waves of 50 blocked
// credentialed fetches, and the extension's service worker is stopped (CDP
// ServiceWorker.stopAllWorkers) right after each of the first three waves and once in the middle
// of the last. The badge, the blocked count and the listed failures match Chromium's console:
// one sentence per blocked request.
//
// "Right after" means as soon as the wave's requests are in storage.session, which the worker
// promises within a few tens of milliseconds of each end (journal.ts), long before their verdicts
// (which wait for the tab to be quiet): a stop that lands before the browser has even handed the
// worker a request's end event is the browser's to lose, not ours. The stop in the middle of the
// last wave leaves most of it in flight: those requests end in a worker that never saw them start.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badgeTitle } from '../../extension/background/badge';
import { errorsOf, readFindings, startRig, until, type Rig } from './worker-rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const WAVES = 4;
const PER_WAVE = 50;

/** Stops every service worker of the extension's storage partition, from one of its pages. */
async function stopWorker(): Promise<void> {
  const cdp = await rig.browser.context.newCDPSession(rig.reader);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** One wave from the page: groups of 10 blocked credentialed fetches, one group after another. */
const wave = (n: number) =>
  rig.page.evaluate(
    async ({ base, n, per }) => {
      let blocked = 0;
      for (let g = 0; g < per; g += 10) {
        const group = Array.from({ length: Math.min(10, per - g) }, (_, i) => fetch(`${base}?run=wave${n}-${g + i}`, { credentials: 'include' }).then(() => 0, () => 1));
        for (const b of await Promise.all(group)) blocked += b;
      }
      return blocked;
    },
    { base: `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0`, n, per: PER_WAVE },
  );

const ofWaves = (s: string) => /run=wave\d/.test(s);

/** How many requests of wave `n` storage.session holds: ended ones waiting for a verdict, or their findings. */
const inStorage = (n: number) =>
  rig.reader.evaluate(async (tag) => {
    const all = Object.values(await chrome.storage.session.get(null)) as { record?: { hops: { url: string }[] }; findings?: { record: { hops: { url: string }[] } }[] }[];
    const urls = new Set<string>();
    for (const v of all) for (const r of [v.record, ...(v.findings ?? []).map((f) => f.record)]) if (r?.hops[0]?.url.includes(tag)) urls.add(r.hops[0].url);
    return urls.size;
  }, `run=wave${n}-`);

it('counts and lists every blocked request across worker stops, as the console does', async () => {
  let blocked = 0;
  for (let n = 1; n < WAVES; n++) {
    blocked += await wave(n);
    await until(() => inStorage(n), (k) => k === PER_WAVE, `wave ${n} in storage.session`);
    await stopWorker(); // right after the wave: its verdicts are still waiting for the tab to be quiet
  }
  // During the last wave: once its first group has ended, the rest still to come.
  const last = wave(WAVES);
  await until(() => inStorage(WAVES), (k) => k >= 10, 'the last wave under way');
  await stopWorker();
  blocked += await last;

  expect(blocked).toBe(WAVES * PER_WAVE);
  // Chromium's console: one sentence per blocked request.
  const sentences = await until(() => Promise.resolve(rig.sentences.filter(ofWaves).length), (k) => k >= blocked, 'every console sentence');
  expect(sentences).toBe(blocked);
  const reply = await until(() => readFindings(rig), (r) => errorsOf(r.findings).filter((f) => ofWaves(f.url)).length >= sentences, `${sentences} listed failures`, 30_000).catch(async (e) => { const r = await readFindings(rig); const per = new Map(); for (const f of errorsOf(r.findings)) { const w = /run=(wave\d)/.exec(f.url)?.[1] + (f.unexplained ? "-u" : ""); per.set(w, (per.get(w) ?? 0) + 1); } console.log("DBG", [...per], r.blocked, r.findings.length, "missing", Array.from({ length: 50 }, (_, i) => i).filter((i) => !r.findings.some((f) => f.url.endsWith(`run=wave4-${i}`))).join(","), "unseen", r.findings.filter((f) => f.unexplained).map((f) => /wave4-(\d+)/.exec(f.url)?.[1]).join(",")); throw e; });
  expect(errorsOf(reply.findings).filter((f) => ofWaves(f.url)).length).toBe(sentences);
  expect(reply.blocked).toBe(sentences);
  // One failure per request: no request listed twice across the restarts.
  expect(new Set(errorsOf(reply.findings).map((f) => f.requestId)).size).toBe(sentences);
  const sw = await rig.browser.serviceWorker();
  const title = await until(() => sw.evaluate((tabId) => chrome.action.getTitle({ tabId }), rig.tabId), (t) => t === badgeTitle(sentences), 'the badge title');
  expect(title).toBe(badgeTitle(sentences));
  expect(await sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), rig.tabId)).toBe('99+');
  // Nothing left waiting in storage.session: every ended request's verdict is stored.
  const left = await until(() => sw.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('req:')).length), (k) => k === 0, 'the journal emptied');
  expect(left).toBe(0);
});
