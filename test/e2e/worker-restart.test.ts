// Nothing lost when the worker dies, in real Chromium 156: the page sends 4 waves of 50 blocked
// credentialed fetches, and the extension's service worker is stopped (CDP
// ServiceWorker.stopAllWorkers) right after each of the first three waves and once in the middle
// of the last. The badge, the blocked count and the listed failures match Chromium's console:
// one sentence per blocked request.
//
// "Right after" means as soon as the wave's requests are in storage.session, which the worker
// promises within a few tens of milliseconds of each end (journal.ts), long before their verdicts
// (which wait for the tab to be quiet): a stop that lands before the browser has even handed the
// worker a request's end event is the browser's to lose, not ours. In the last wave, 10 requests
// are answered at once and 40 are held (by a server of this test, and by Chromium's queue for its
// 6 connections to it) until the worker has been stopped: those 40 started in one worker and end
// in the next, which never saw them start. (A request that STARTS while Chromium is stopping the
// worker reaches no worker at all: the stop lands while nothing starts.)
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badgeTitle } from '../../extension/background/badge';
import { errorsOf, readFindings, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
/** A cross-site API that answers (with a credentialed-fetch-refusing `*`) only when released. */
const held: ServerResponse[] = [];
let released = false;
const answer = (res: ServerResponse) => res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('held');
const slow = createServer((_req, res) => void (released ? answer(res) : held.push(res)));
let slowOrigin = '';
const release = () => {
  released = true;
  for (const res of held.splice(0)) answer(res);
};
beforeAll(async () => {
  rig = await startRig();
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  slowOrigin = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
});
afterAll(async () => {
  release();
  slow.close();
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

/**
 * One wave from the page: groups of 10 blocked credentialed fetches, one group after another;
 * from `heldFrom` on, all at once to the held server.
 */
const wave = (n: number, heldFrom = PER_WAVE) =>
  rig.page.evaluate(
    async ({ base, held, n, per, heldFrom }) => {
      const one = (i: number) =>
        fetch(`${i < heldFrom ? base : held}?run=wave${n}-${i}`, { credentials: 'include' }).then(
          () => 0,
          () => 1,
        );
      const waiting = Array.from({ length: per - heldFrom }, (_, i) => one(heldFrom + i));
      let blocked = 0;
      for (let g = 0; g < heldFrom; g += 10)
        for (const b of await Promise.all(Array.from({ length: Math.min(10, heldFrom - g) }, (_, i) => one(g + i)))) blocked += b;
      for (const b of await Promise.all(waiting)) blocked += b;
      return blocked;
    },
    { base: `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0`, held: `${slowOrigin}/held`, n, per: PER_WAVE, heldFrom },
  );

const ofWaves = (s: string) => /run=wave\d/.test(s);

/** How many requests of wave `n` storage.session holds: ended ones waiting for a verdict, or their findings. */
const inStorage = (n: number) =>
  rig.reader.evaluate(async (tag) => {
    type Stored = { record?: { hops: { url: string }[] }; findings?: { record: { hops: { url: string }[] } }[] };
    const all = Object.values(await chrome.storage.session.get<Record<string, Stored>>(null));
    const urls = new Set<string>();
    for (const v of all) for (const r of [v.record, ...(v.findings ?? []).map((f) => f.record)]) if (r?.hops[0]?.url.includes(tag)) urls.add(r.hops[0].url);
    return urls.size;
  }, `run=wave${n}-`);

it('counts and lists every blocked request across worker stops, as the console does', async () => {
  let blocked = 0;
  for (let n = 1; n < WAVES; n++) {
    blocked += await wave(n);
    await until(
      () => inStorage(n),
      (k) => k === PER_WAVE,
      `wave ${n} in storage.session`,
    );
    await stopWorker(); // right after the wave: its verdicts are still waiting for the tab to be quiet
  }
  // During the last wave: its first 10 requests have ended, 40 are in flight.
  const last = wave(WAVES, 10);
  await until(
    () => inStorage(WAVES),
    (k) => k === 10,
    'the last wave under way',
  );
  // Chromium opens 6 connections per host: 6 requests wait at the server, the others in the browser.
  await until(
    () => Promise.resolve(held.length),
    (k) => k === 6,
    'the held requests at the server',
  );
  await stopWorker();
  release();
  blocked += await last;

  expect(blocked).toBe(WAVES * PER_WAVE);
  // Chromium's console: one sentence per blocked request.
  const sentences = await until(
    () => Promise.resolve(rig.sentences.filter(ofWaves).length),
    (k) => k >= blocked,
    'every console sentence',
  );
  expect(sentences).toBe(blocked);
  const reply = await until(
    () => readFindings(rig),
    (r) => errorsOf(r.findings).filter((f) => ofWaves(f.url)).length >= sentences,
    `${sentences} listed failures`,
    30_000,
  );
  expect(errorsOf(reply.findings).filter((f) => ofWaves(f.url)).length).toBe(sentences);
  expect(reply.blocked).toBe(sentences);
  // One failure per request: no request listed twice across the restarts.
  expect(new Set(errorsOf(reply.findings).map((f) => f.requestId)).size).toBe(sentences);
  // No cookie goes to this API: only the page hook tells these requests are credentialed. Its
  // hints reach each new worker (the bridge's port to a stopped worker is closed, and the next
  // batch starts the next worker by sendMessage), a request that ended in one worker keeps its
  // hint through the stop (journal.ts), and the 40 that started in the stopped worker and end in
  // the next get theirs again (the bridge sends its recent hints again when the port closes).
  const modes = [
    ...new Set(
      errorsOf(reply.findings)
        .filter((f) => ofWaves(f.url))
        .map((f) => f.credentials),
    ),
  ];
  expect(modes).toEqual(['include']);
  const sw = await rig.browser.serviceWorker();
  const title = await until(
    () => sw.evaluate((tabId) => chrome.action.getTitle({ tabId }), rig.tabId),
    (t) => t === badgeTitle(sentences),
    'the badge title',
  );
  expect(title).toBe(badgeTitle(sentences));
  expect(await sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), rig.tabId)).toBe('99+');
  // Nothing left waiting in storage.session: every ended request's verdict is stored.
  const left = await until(
    () => sw.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('req:')).length),
    (k) => k === 0,
    'the journal emptied',
  );
  expect(left).toBe(0);
});
