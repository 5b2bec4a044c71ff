// Soak: 10,000 blocked credentialed requests on one tab. The per-tab caps hold (500 findings, and
// the tab's byte budget, whichever is reached first), the dropped count is exact, the badge says
// 99+, and the worker's heap stays bounded (Runtime.getHeapUsage on its target, after a forced
// GC). The figures are printed for the report; no timing is asserted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TAB_BYTES } from '../../extension/background/store';
import { badgeText, readFindings, startRig, until, workerCdp, type Rig } from '../../scripts/browser/worker-rig';

const TOTAL = 10_000;
const BATCH = 100;
const CAP = 500;
let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** Fires `count` credentialed fetches to a blocked lab endpoint, BATCH at a time, in the page. */
function fire(from: number, count: number): Promise<number> {
  const base = `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=soak-`;
  return rig.page.evaluate(
    async ({ base, from, count, batch }) => {
      let blocked = 0;
      for (let i = from; i < from + count; i += batch) {
        const n = Math.min(batch, from + count - i);
        const rs = await Promise.all(
          Array.from({ length: n }, (_, j) =>
            fetch(base + (i + j), { credentials: 'include' }).then(
              () => 0,
              () => 1,
            ),
          ),
        );
        blocked += rs.reduce<number>((a, b) => a + b, 0);
      }
      return blocked;
    },
    { base, from, count, batch: BATCH },
  );
}

/** The tab's stored state, read cheaply (the packed form in storage.session). */
const stored = () =>
  rig.reader.evaluate(async (k) => {
    const s = (await chrome.storage.session.get(k))[k] as { findings: unknown[]; dropped: number; blocked: number } | undefined;
    return {
      findings: s?.findings.length ?? 0,
      dropped: s?.dropped ?? 0,
      blocked: s?.blocked ?? 0,
      bytes: new TextEncoder().encode(JSON.stringify(s?.findings ?? [])).length,
    };
  }, `tab:${rig.tabId}`);

it(`${TOTAL} blocked requests on one tab: caps hold (${CAP} findings, the byte budget), dropped count exact, heap bounded`, async () => {
  const cdp = await workerCdp(rig);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
  };
  // Warm up past the cap, so the baseline already holds a full tab.
  const warm = await fire(0, 1_000);
  await until(stored, (s) => s.blocked === warm, 'the warm-up', 60_000, 250);
  const before = await heap();
  const mid = await fire(1_000, (TOTAL - 1_000) / 2);
  await until(stored, (s) => s.blocked === warm + mid, 'the first half', 90_000, 250);
  const atHalf = await heap();
  const rest = await fire(1_000 + (TOTAL - 1_000) / 2, (TOTAL - 1_000) / 2);
  const total = warm + mid + rest;
  expect(total).toBe(TOTAL); // Chromium blocked every one of them
  const s = await until(stored, (x) => x.blocked === TOTAL, 'all verdicts', 120_000, 250);
  const after = await heap();
  await cdp.detach();

  expect(s.findings).toBeLessThanOrEqual(CAP);
  expect(s.findings).toBeGreaterThan(100);
  expect(s.bytes).toBeLessThanOrEqual(TAB_BYTES);
  expect({ dropped: s.dropped, blocked: s.blocked }).toEqual({ dropped: TOTAL - s.findings, blocked: TOTAL });
  const reply = await readFindings(rig);
  expect(reply.findings).toHaveLength(s.findings);
  expect(reply.dropped).toBe(TOTAL - s.findings);
  console.log(`[soak] kept ${s.findings} findings in ${(s.bytes / 1048576).toFixed(2)} MB (tab budget ${TAB_BYTES / 1048576} MB)`);
  // The newest are kept: the last stored is from the last batch. Findings are stored in the order
  // the requests ended, and the BATCH requests of a batch run at once, so which of them ends last is
  // the network's choice (a run ended with soak-9998).
  const last = reply.findings.at(-1)!.url;
  expect(last.startsWith(`${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=soak-`)).toBe(true);
  expect(Number(last.split('soak-')[1])).toBeGreaterThanOrEqual(TOTAL - BATCH);
  expect(
    await until(
      () => badgeText(rig),
      (t) => t === '99+',
      'badge 99+',
    ),
  ).toBe('99+');

  const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;
  console.log(`[soak] worker heap after GC: ${mb(before)} after 1,000 requests; ${mb(atHalf)} after ${1_000 + mid}; ${mb(after)} after ${TOTAL}`);
  // Bounded: once the tab is full, 9,000 more requests leave the heap where it was (± noise).
  expect(after - before).toBeLessThan(4 * 1048576);
  expect(after - atHalf).toBeLessThan(4 * 1048576);
}, 360_000); // 10,000 real requests: minutes on a loaded 2-core machine (no timing is asserted)
