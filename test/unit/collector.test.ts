// The collector, fed the webRequest sequences Chromium 156 really produced for every lab scenario
// (test/fixtures/webrequest, recorded by scripts/record-webrequest.ts), plus hint and bound cases.
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../lab/scenarios';
import { maskPasswords } from '../../src/core/origin';
import { normalizeMethod } from '../../src/core/safelist';
import type { PageHint } from '../../src/messages';
import { createCollector, REDACTED, responseSeen, UNSEEN, type CollectorOptions, type Finished } from '../../extension/background/collector';
import { headerLines } from '../../extension/background/request-event';
import { isNetError, recording as fixture, replay, runs, throughReader, type RawEvent } from './webrequest-replay';

/** A collector whose clock and timers the test drives. */
function harness(
  opts: Partial<
    Pick<
      CollectorOptions,
      'hintWaitMs' | 'startingHintWaitMs' | 'maxPending' | 'maxAgeMs' | 'maxPendingPerTab' | 'maxHintsPerTab' | 'hintRate' | 'watchingSince' | 'unwatchedWaitMs'
    >
  > = {},
) {
  const finished: Finished[] = [];
  const unwatched: { tabId: number; hint: PageHint }[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  let now = 1_000;
  const c = throughReader(
    createCollector({
      ...opts,
      onFinished: (f) => finished.push(f),
      onUnwatched: (tabId, hint) => unwatched.push({ tabId, hint }),
      now: () => now,
      schedule: (fn, ms) => timers.push({ at: now + ms, fn }),
    }),
  );
  return {
    c,
    finished,
    unwatched,
    replay: (events: readonly RawEvent[]) => replay(c, events),
    advance(ms: number) {
      now += ms;
      for (const t of timers.splice(0)) {
        if (t.at <= now) t.fn();
        else timers.push(t);
      }
    },
  };
}

/** The URL Chromium's console sentence names ("Access to fetch at '<url>' …"). */
const consoleUrl = (sentence: string): string | undefined => /^Access to (?:fetch|XMLHttpRequest) at '([^']+)'/.exec(sentence)?.[1];

describe('collector on recorded Chromium 156 sequences', () => {
  it('has a recording for every lab scenario', () => {
    expect(runs.length).toBeGreaterThanOrEqual(30);
    expect(fixture.browser).toMatch(/^Chromium 156\./);
  });

  for (const run of runs) {
    const scenario = scenarioById(run.id) ?? scenarioById('control-no-cookie-in-scope')!;
    it(`${run.id}: one record, blocked exactly when Chromium blocked it`, () => {
      const h = harness();
      h.replay(run.events);
      h.advance(1_000);
      if (isNetError(run)) {
        // Refused before any CORS check (net::ERR_INVALID_HTTP_RESPONSE): not a CORS matter.
        expect(run.events.at(-1)!.error).not.toBe('net::ERR_FAILED');
        expect(h.finished).toEqual([]);
        return;
      }
      expect(h.finished).toHaveLength(1);
      const f = h.finished[0]!;
      expect(f.blocked).toBe(!run.result.ok);
      expect(f.record.method).toBe(normalizeMethod(scenario.method));
      expect(f.record.origin).toBe(fixture.pageOrigin);
      // The hop Chromium reports the error for is the record's last hop.
      // (A password in it, from credentials given to XHR open(), is masked: never kept.)
      if (!run.result.ok) expect(f.record.hops.at(-1)!.url).toBe(maskPasswords(consoleUrl(run.console[0]!)!));
      // Preflight responses are joined to the actual request's hop 0.
      const pre = scenario.hops[0]!.preflight;
      if (pre && run.id === scenario.id) expect(f.record.hops[0]!.preflight?.status).toBe(pre.status);
      else if (!pre) expect(f.record.hops[0]!.preflight).toBeUndefined();
      // The page's author headers are there; the browser's (Origin, Cookie, Sec-*) are not.
      const names = f.record.requestHeaders.map((x) => x.name.toLowerCase());
      for (const name of Object.keys(scenario.headers)) expect(names).toContain(name.toLowerCase());
      expect(names).not.toContain('origin');
      expect(names).not.toContain('cookie');
      // Credentials evidence from the headers, as Chromium sends them.
      // A request whose preflight failed never goes out: no headers of its own to read.
      // (A failed preflight on a later hop, after a 307, still lets the first hop go out.)
      const include = scenario.credentials === 'include' && (run.result.ok || scenario.blame?.stage !== 'preflight' || scenario.blame.hop > 0);
      expect(f.cookie).toBe(include && scenario.cookie && scenario.target === 'same-site');
      // A redirect the browser refused is never followed: the hops after it are never requested.
      const reached = run.result.ok || scenario.blame?.stage !== 'redirect' ? scenario.hops : scenario.hops.slice(0, scenario.blame.hop + 1);
      expect(f.storageAccess).toBe(include && reached.some((hop) => hop.server === 'cross-site'));
      // Privacy: no Cookie/Authorization/Set-Cookie value survives.
      const json = JSON.stringify(f);
      expect(json).not.toContain('lab_session=');
      expect(json).not.toContain('lab-token');
      expect([REDACTED, UNSEEN]).toContain(f.record.requestHeaders.find((x) => /^authorization$/i.test(x.name))?.value ?? REDACTED);
    });
  }

  it('follows a redirect chain under one requestId, hop by hop', () => {
    const run = runs.find((r) => r.id === 'redirect-login')!;
    const h = harness();
    h.replay(run.events);
    h.advance(1_000);
    const f = h.finished[0]!;
    expect(f.record.hops).toHaveLength(2);
    expect(f.record.hops[0]!.response?.status).toBe(302);
    expect(f.record.hops[1]!.response?.status).toBe(200);
    expect(f.record.hops[1]!.url).toContain('/redirect-login/1');
  });

  it('ignores same-origin requests, and a tab-less one when no page of its origin is open', () => {
    const run = runs.find((r) => r.id === 'acao-missing')!;
    const h = harness();
    h.replay(run.events.map((e) => ({ ...e, initiator: new URL(e.url).origin })));
    h.replay(run.events.map((e) => ({ ...e, requestId: `${e.requestId}x`, tabId: -1 })));
    h.advance(1_000);
    expect(h.finished).toHaveLength(0);
  });

  it('does not report a request that was aborted or failed for a non-CORS reason', () => {
    const run = runs.find((r) => r.id === 'acao-missing')!;
    const h = harness();
    h.replay(run.events.map((e) => (e.ev === 'onErrorOccurred' ? { ...e, error: 'net::ERR_ABORTED' } : e)));
    h.advance(1_000);
    expect(h.finished).toHaveLength(0);
  });
});

describe('collector and page hints', () => {
  const run = runs.find((r) => r.id === 'same-site-include-no-cookie-wildcard')!;
  const first = run.events[0]!;
  const hint = (over: Partial<PageHint> = {}): PageHint => ({ url: first.url, method: 'GET', credentials: 'include', initiator: 'fetch', time: 0, ...over });
  const sender = { tabId: first.tabId, frameId: first.frameId ?? 0 };

  it('a hint that arrives before the request refines it, and the verdict does not wait', () => {
    const h = harness();
    h.c.hint(hint(), sender);
    h.replay(run.events);
    expect(h.finished).toHaveLength(1); // no timer needed
    expect(h.finished[0]!.record.credentials).toBe('include');
    expect(h.finished[0]!.record.initiator).toBe('fetch');
  });

  it('a hint that trails the terminal event still lands (the verdict waits for it)', () => {
    const h = harness({ hintWaitMs: 400 });
    h.replay(run.events);
    h.advance(100);
    expect(h.finished).toHaveLength(0);
    h.c.hint(hint({ initiator: 'xmlhttprequest' }), sender);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]!.hint).toEqual({ credentials: 'include', initiator: 'xmlhttprequest' });
  });

  it('without a hint the verdict comes after the wait, with credentials unknown', () => {
    const h = harness({ hintWaitMs: 400 });
    h.replay(run.events);
    h.advance(399);
    expect(h.finished).toHaveLength(0);
    h.advance(1);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]!.record.credentials).toBe('unknown');
    expect(h.finished[0]!.hint).toBeUndefined();
  });

  it('a hint from another tab, frame, URL or method refines nothing', () => {
    const h = harness();
    h.c.hint(hint(), { ...sender, tabId: sender.tabId + 1 });
    h.c.hint(hint(), { ...sender, frameId: 7 });
    h.c.hint(hint({ url: `${first.url}&other` }), sender);
    h.c.hint(hint({ method: 'POST' }), sender);
    h.replay(run.events);
    h.advance(1_000);
    expect(h.finished[0]!.hint).toBeUndefined();
  });

  it('identical concurrent requests take their hints first in, first out', () => {
    const h = harness();
    const again = run.events.map((e) => ({ ...e, requestId: `${e.requestId}b` }));
    h.c.hint(hint({ credentials: 'include' }), sender);
    h.c.hint(hint({ credentials: 'omit' }), sender);
    h.c.handle('beforeRequest', run.events[0]!);
    h.c.handle('beforeRequest', again[0]!);
    h.replay(run.events.slice(1));
    h.replay(again.slice(1));
    expect(h.finished.map((f) => f.record.credentials)).toEqual(['include', 'omit']);
  });
});

describe('collector bounds', () => {
  it('keeps the lines the validator reads verbatim and bounds the rest (hostile servers)', () => {
    const acao = `http://app.test${'x'.repeat(5_000)}`;
    const raw = [
      ...Array.from({ length: 1_000 }, (_, i) => ({ name: `X-Junk-${i}`, value: 'y'.repeat(100_000) })),
      { name: 'Access-Control-Allow-Origin', value: acao },
      { name: 'Set-Cookie', value: 'sid=secret' },
      { name: 'Location', binaryValue: [47, 110, 101, 120, 116] },
    ];
    const r = responseSeen(302, headerLines(raw));
    expect(r.headers.find((h) => h.name === 'Access-Control-Allow-Origin')?.value).toBe(acao);
    expect(r.headers.find((h) => h.name === 'Location')?.value).toBe('/next');
    expect(r.headers.length).toBeLessThanOrEqual(66);
    expect(JSON.stringify(r).length).toBeLessThan(80_000);
    expect(JSON.stringify(r)).not.toContain('secret');
  });

  const run = runs.find((r) => r.id === 'acao-missing')!;
  const open = run.events.find((e) => e.ev === 'onBeforeRequest')!;

  it('forgets requests that never finish: the pending map stays bounded', () => {
    const h = harness({ maxPending: 100 });
    for (let i = 0; i < 5_000; i++) h.c.handle('beforeRequest', { ...open, requestId: `n${i}` });
    expect(h.c.size().pending).toBeLessThanOrEqual(101);
  });

  it('sweeps entries older than the age limit', () => {
    const h = harness({ maxAgeMs: 60_000 });
    h.c.handle('beforeRequest', { ...open, requestId: 'old' });
    h.advance(61_000);
    h.c.sweep();
    expect(h.c.size().pending).toBe(0);
  });

  const flood = (h: ReturnType<typeof harness>, tabId: number, n: number) => {
    for (let i = 0; i < n; i++)
      h.c.hint({ url: `${open.url}?${i}`, method: 'GET', credentials: 'include', initiator: 'fetch', time: i }, { tabId, frameId: 0 });
  };

  it('keeps at most maxHintsPerTab queued hints per tab', () => {
    const h = harness({ maxHintsPerTab: 50 });
    flood(h, 1, 500);
    expect(h.c.size().hints).toBe(50);
  });

  it("a tab flooding hints evicts only its own: another tab's queued hint still refines its request", () => {
    const h = harness();
    const quiet = { url: `${open.url}?quiet`, method: 'GET', credentials: 'omit' as const, initiator: 'xmlhttprequest' as const, time: 0 };
    h.c.hint(quiet, { tabId: 2, frameId: 0 });
    for (let s = 0; s < 20; s++) {
      flood(h, 1, 2_001);
      h.advance(1_000);
    }
    h.c.handle('beforeRequest', { ...open, url: quiet.url, tabId: 2, requestId: 'quiet' });
    h.c.handle('completed', { ...open, url: quiet.url, tabId: 2, requestId: 'quiet', statusCode: 200 });
    expect(h.finished.map((f) => [f.requestId, f.record.credentials, f.record.initiator])).toEqual([['quiet', 'omit', 'xmlhttprequest']]);
  });

  it('a tab beyond its hint rate is cut off; a quiet tab is not', () => {
    const h = harness({ hintRate: 100 });
    flood(h, 1, 1_000);
    expect(h.c.size().hints).toBe(200); // the burst: twice the rate
    flood(h, 3, 10);
    expect(h.c.size().hints).toBe(210);
  });

  it('a flooding tab evicts only its own unfinished requests', () => {
    const h = harness({ maxPendingPerTab: 100 });
    h.c.handle('beforeRequest', { ...open, tabId: 2, requestId: 'quiet' });
    for (let i = 0; i < 1_000; i++) h.c.handle('beforeRequest', { ...open, requestId: `f${i}` });
    h.c.handle('completed', { ...open, tabId: 2, requestId: 'quiet', statusCode: 200 });
    h.advance(1_000);
    expect(h.c.size().pending).toBe(100);
    expect(h.finished.map((f) => f.requestId)).toEqual(['quiet']);
  });

  it('forgets a closed tab: its late end finishes nothing', () => {
    const h = harness();
    h.c.handle('beforeRequest', { ...open, requestId: 'late' });
    h.c.forgetTab(open.tabId);
    h.c.handle('errorOccurred', { ...open, requestId: 'late', error: 'net::ERR_FAILED' });
    h.advance(1_000);
    expect(h.finished).toHaveLength(0);
    expect(h.c.size()).toEqual({ pending: 0, preflights: 0, hints: 0 });
  });
});

describe('requests a stopped worker saw start (the next worker sees only their end)', () => {
  const open = runs.find((r) => r.id === 'acao-missing')!.events.find((e) => e.ev === 'onBeforeRequest')!;
  it('a blocked end whose start was never seen is finished from what the end event tells, once its hint had time to come', () => {
    // It is of a moment when hints come late (the bridge tries again while no worker listens).
    const h = harness({ hintWaitMs: 400, startingHintWaitMs: 3_000 });
    h.c.handle('errorOccurred', { ...open, requestId: 'orphan', error: 'net::ERR_FAILED' });
    h.advance(2_999);
    expect(h.finished).toHaveLength(0);
    h.advance(1);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({
      requestId: 'orphan',
      tabId: open.tabId,
      blocked: true,
      error: 'net::ERR_FAILED',
      startUnseen: true,
      record: { method: open.method, origin: open.initiator, credentials: 'unknown', hops: [{ url: open.url }] },
    });
  });

  // A page loaded as the browser starts is hooked from its first script, before the worker's
  // listeners exist: its hint can be all that tells the credentials mode.
  const pageHint = { url: open.url, method: open.method, credentials: 'include' as const, initiator: 'xmlhttprequest' as const, time: 0 };
  const from = { tabId: open.tabId, frameId: open.frameId ?? 0 };
  it('takes the page hint that came before its end', () => {
    const h = harness();
    h.c.hint(pageHint, from);
    h.c.handle('errorOccurred', { ...open, requestId: 'orphan', error: 'net::ERR_FAILED' });
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({ startUnseen: true, record: { credentials: 'include', initiator: 'xmlhttprequest' } });
    expect(h.c.size()).toEqual({ pending: 0, preflights: 0, hints: 0 });
  });

  it('takes the page hint that trails its end, and is finished when it comes', () => {
    const h = harness({ hintWaitMs: 400 });
    h.c.handle('errorOccurred', { ...open, requestId: 'orphan', error: 'net::ERR_FAILED' });
    h.advance(100);
    h.c.hint(pageHint, from);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({ startUnseen: true, record: { credentials: 'include' } });
    h.advance(1_000);
    expect(h.finished).toHaveLength(1);
  });

  // A page loaded as the browser starts can make a request that starts and ends before the first
  // worker's listeners exist: only its hint ever comes. Its outcome is unknown, and the tab says so.
  const pageFrom = { ...from, origin: open.initiator! };
  it('a hint made before the session listened that no request takes is reported unwatched, once, after the wait', () => {
    const h = harness({ watchingSince: () => 500, unwatchedWaitMs: 5_000 });
    h.c.hint({ ...pageHint, time: 499 }, pageFrom);
    h.advance(4_999);
    expect(h.unwatched).toEqual([]);
    h.advance(1);
    expect(h.unwatched).toEqual([{ tabId: open.tabId, hint: { ...pageHint, time: 499 } }]);
    h.advance(20_000);
    expect(h.unwatched).toHaveLength(1);
  });

  it('while the session starts, every request waits the longer time for its hint; later ones the usual time', () => {
    const h = harness({ watchingSince: () => 1_000, hintWaitMs: 400, startingHintWaitMs: 3_000 });
    h.replay(runs.find((r) => r.id === 'acao-missing')!.events);
    h.advance(2_999);
    expect(h.finished).toHaveLength(0);
    h.advance(1);
    expect(h.finished).toHaveLength(1);
    h.advance(5_000); // the session listened 9 s ago
    h.replay(runs.find((r) => r.id === 'acao-missing')!.events.map((e) => ({ ...e, requestId: `${e.requestId}-later` })));
    h.advance(400);
    expect(h.finished).toHaveLength(2);
  });

  it('is not reported when its request ends within the wait (seen from its end), nor when made after the session listened', () => {
    const h = harness({ watchingSince: () => 500, unwatchedWaitMs: 5_000 });
    h.c.hint({ ...pageHint, time: 499 }, pageFrom);
    h.advance(3_000);
    h.c.handle('errorOccurred', { ...open, requestId: 'orphan', error: 'net::ERR_FAILED' });
    h.c.hint({ ...pageHint, url: `${open.url}&later`, time: 500 }, pageFrom);
    h.advance(10_000);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({ startUnseen: true, record: { credentials: 'include' } });
    expect(h.unwatched).toEqual([]);
  });

  it('a same-origin, data: or blob: hint, one from a sender of unknown origin, or one before the start time is known is never reported', () => {
    const h = harness({ watchingSince: () => undefined });
    h.c.hint({ ...pageHint, time: 1 }, pageFrom);
    const known = harness({ watchingSince: () => 500 });
    known.c.hint({ ...pageHint, url: `${open.initiator}/same`, time: 1 }, pageFrom);
    known.c.hint({ ...pageHint, time: 1 }, from);
    known.c.hint({ ...pageHint, url: 'data:text/plain,x', time: 1 }, pageFrom);
    known.c.hint({ ...pageHint, url: `blob:${open.initiator}/5d2a`, time: 1 }, pageFrom);
    h.advance(60_000);
    known.advance(60_000);
    expect([h.unwatched, known.unwatched]).toEqual([[], []]);
  });

  it('an end that is no block, a same-origin one, an OPTIONS one or one without a tab is not', () => {
    const h = harness();
    h.c.handle('completed', { ...open, requestId: 'ok', statusCode: 200 });
    h.c.handle('errorOccurred', { ...open, requestId: 'abort', error: 'net::ERR_ABORTED' });
    h.c.handle('errorOccurred', { ...open, requestId: 'same', url: `${open.initiator}/x`, error: 'net::ERR_FAILED' });
    h.c.handle('errorOccurred', { ...open, requestId: 'options', method: 'OPTIONS', error: 'net::ERR_FAILED' });
    h.c.handle('errorOccurred', { ...open, requestId: 'sw', tabId: -1, error: 'net::ERR_FAILED' });
    h.advance(1_000);
    expect(h.finished).toEqual([]);
  });

  it('tells main.ts of an ended request at once, before its hint, and again when the hint completes it', () => {
    const ended: Finished[] = [];
    const finished: Finished[] = [];
    const timers: (() => void)[] = [];
    const c = throughReader(
      createCollector({ onFinished: (f) => finished.push(f), onEnded: (f) => ended.push(f), now: () => 0, schedule: (fn) => void timers.push(fn) }),
    );
    c.handle('beforeRequest', { ...open, requestId: 'r' });
    c.handle('errorOccurred', { ...open, requestId: 'r', error: 'net::ERR_FAILED' });
    expect(ended.map((f) => [f.requestId, f.record.credentials])).toEqual([['r', 'unknown']]);
    expect(finished).toEqual([]);
    c.hint({ url: open.url, method: open.method, credentials: 'include', initiator: 'fetch', time: 0 }, { tabId: open.tabId, frameId: 0 });
    expect(ended.map((f) => [f.requestId, f.record.credentials])).toEqual([
      ['r', 'unknown'],
      ['r', 'include'],
    ]);
    expect(finished.map((f) => f.record.credentials)).toEqual(['include']);
  });
});

describe("requests of a page's workers (webRequest gives them no tab)", () => {
  const open = runs.find((r) => r.id === 'acao-missing')!.events.find((e) => e.ev === 'onBeforeRequest')!;
  const worker = { ...open, tabId: -1, frameId: -1, requestId: 'sw1' };

  function withPages(pages: Record<string, number>) {
    const finished: Finished[] = [];
    const c = throughReader(createCollector({ onFinished: (f) => finished.push(f), now: () => 0, schedule: (fn) => fn(), workerTab: (o) => pages[o] }));
    return { c, finished };
  }

  it("go to the tab of the page with the worker's origin, marked as the worker's", () => {
    const h = withPages({ [open.initiator!]: 12 });
    h.c.handle('beforeRequest', worker);
    h.c.handle('errorOccurred', { ...worker, error: 'net::ERR_FAILED' });
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]).toMatchObject({ requestId: 'sw1', tabId: 12, frameId: -1, fromWorker: true, blocked: true });
  });

  it('are not ours without such a page (the browser itself, an extension)', () => {
    const h = withPages({});
    h.c.handle('beforeRequest', worker);
    h.c.handle('errorOccurred', { ...worker, error: 'net::ERR_FAILED' });
    expect(h.finished).toEqual([]);
  });

  it("a page's own request is not marked", () => {
    const h = withPages({ [open.initiator!]: 12 });
    h.c.handle('beforeRequest', { ...open, requestId: 'p1' });
    h.c.handle('errorOccurred', { ...open, requestId: 'p1', error: 'net::ERR_FAILED' });
    expect(h.finished[0]!.fromWorker).toBeUndefined();
  });
});
