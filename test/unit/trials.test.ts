// "Try fix" without a browser: the rules a recorded finding's plan becomes (scoped, never `*`,
// never an echo), and the trial's life (start, outcome, Stop, tab close, another origin, expiry,
// worker restart) against a fake declarativeNetRequest and storage.session. The browser's side
// is test/e2e/try-fix.test.ts.
import { describe, expect, it } from 'vitest';
import { createTrials, type SessionRules, type TrialsDeps } from '../../extension/background/trials';
import { trialPlan, type TrialRule } from '../../extension/background/trial-rules';
import { serverTrialPlan } from '../../extension/background/server-trial';
import type { Finished } from '../../extension/background/collector';
import { serverFixes } from '../../src/core/fix/server';
import { validate } from '../../src/core/validate';
import type { TabFinding, TrialState } from '../../src/messages';
import { byRule, findings } from './ui/fixtures';

describe('trialPlan', () => {
  it("a preflight failure: one rule for the OPTIONS response, one for the actual, each scoped to tab, URL, method and the page's host", () => {
    const f = byRule('missing-allow-origin', 'preflight');
    const plan = trialPlan(7, f.record, f.fix.steps, 100);
    expect(plan.rules.map((r) => r.id)).toEqual([100, 101]);
    const url = new URL(f.record.hops[0]!.url);
    for (const r of plan.rules) {
      expect(r.condition.tabIds).toEqual([7]);
      expect(r.condition.initiatorDomains).toEqual([new URL(f.record.origin).hostname]);
      const re = new RegExp(r.condition.regexFilter);
      expect(re.test(`${url.origin}${url.pathname}`)).toBe(true);
      expect(re.test(`${url.origin}${url.pathname}?run=another`)).toBe(true);
      expect(re.test(`${url.origin}${url.pathname}/more`)).toBe(false);
      expect(re.test(`${url.origin}${url.pathname}x`)).toBe(false);
      // XHR credentials given to open() put user:password@ in the URL the rule is matched against.
      expect(re.test(`${url.protocol}//user:pass@${url.host}${url.pathname}`)).toBe(true);
      expect(re.test(`${url.protocol}//evil.example@${url.host}.evil.example${url.pathname}`)).toBe(false);
    }
    expect(plan.rules.map((r) => r.condition.requestMethods)).toEqual([['options'], [f.method.toLowerCase()]]);
    expect(plan.rules[0]!.action.responseHeaders.map((h) => `${h.header}: ${h.value}`)).toEqual(f.fix.steps[0]!.headers);
    expect(plan.untried).toEqual([]);
  });

  it('never sends *, never another origin than the page', () => {
    const f = byRule('wildcard-origin', 'response');
    const values = trialPlan(1, f.record, f.fix.steps, 1).rules.flatMap((r) => r.action.responseHeaders.map((h) => h.value));
    expect(values).not.toContain('*');
    const acao = trialPlan(1, f.record, f.fix.steps, 1).rules[0]!.action.responseHeaders.find((h) => h.header.toLowerCase() === 'access-control-allow-origin');
    expect(acao?.value).toBe(f.record.origin);
    // A plan line that would widen access is refused, not installed.
    const bad = trialPlan(1, f.record, [{ ...f.fix.steps[0]!, headers: ['Access-Control-Allow-Origin: *'] }], 1);
    expect(bad.rules).toEqual([]);
    expect(bad.untried[0]).toMatch(/not one a trial may send/);
    const other = trialPlan(1, f.record, [{ ...f.fix.steps[0]!, headers: ['Access-Control-Allow-Origin: https://evil.example'] }], 1);
    expect(other.rules).toEqual([]);
  });

  it('lists a status change as untried: the server\u2019s part', () => {
    const f = byRule('preflight-status', 'preflight');
    const plan = trialPlan(1, f.record, f.fix.steps, 1);
    expect(plan.rules.length).toBe(2);
    expect(plan.untried).toEqual([
      `the OPTIONS response: answer 204 instead of 401. An extension cannot change a status code; only the headers are tried, the status is the server's part.`,
    ]);
  });

  it('a redirect plan: a rule per hop URL, the later hop with the method the redirect leaves', () => {
    const f = byRule('missing-allow-origin', 'redirect');
    const plan = trialPlan(1, f.record, f.fix.steps, 1);
    expect(plan.rules).toHaveLength(f.fix.steps.length);
    expect(new Set(plan.rules.map((r) => r.condition.regexFilter)).size).toBe(2);
  });
});

/** A fake DNR: session rules in a list. */
function fakeDnr(): SessionRules & { rules: TrialRule[] } {
  const rules: TrialRule[] = [];
  return {
    rules,
    getSessionRules: async () => rules.map((r) => ({ ...r })),
    async updateSessionRules({ addRules = [], removeRuleIds = [] }) {
      for (const id of removeRuleIds) {
        const at = rules.findIndex((r) => r.id === id);
        if (at >= 0) rules.splice(at, 1);
      }
      rules.push(...addRules);
    },
  };
}

function harness(
  found: TabFinding,
  opts: { area?: Map<string, unknown>; dnr?: ReturnType<typeof fakeDnr>; firefox?: boolean; pageSays?: boolean; seen?: TabFinding[]; sharing?: boolean } = {},
) {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const area = opts.area ?? new Map<string, unknown>();
  const dnr = opts.dnr ?? fakeDnr();
  const changes: (TrialState | null)[] = [];
  const replays: unknown[] = [];
  const reloads: number[] = [];
  const deps: TrialsDeps = {
    dnr,
    area: {
      // `sharing`: hands out and keeps the very objects, as Firefox's storage.session can.
      get: async (k) => (area.has(k) ? { [k]: opts.sharing ? area.get(k) : structuredClone(area.get(k)) } : {}),
      set: async (items) => void Object.entries(items).forEach(([k, v]) => area.set(k, opts.sharing ? v : structuredClone(v))),
    },
    now: () => now,
    schedule(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => void (t.live = false);
    },
    finding: async (tabId, requestId) => (tabId === found.tabId && requestId === found.requestId ? found : undefined),
    server: async (tabId, origin) => {
      const seen = tabId === found.tabId ? (opts.seen ?? []) : [];
      const fix = serverFixes(seen).find((x) => x.origin === origin);
      return fix && { fix, seen };
    },
    firstError: (record) => validate(record, 'chromium').find((x) => x.severity === 'error'),
    replay: async (_tab, req) => {
      replays.push(req);
      return opts.pageSays;
    },
    reload: async (tab) => void reloads.push(tab),
    changed: (_tab, t) => void changes.push(t),
    firefox: opts.firefox,
  };
  const trials = createTrials(deps);
  return {
    trials,
    dnr,
    area,
    changes,
    replays,
    reloads,
    /** Moves the clock and runs the timers that are due. */
    advance(ms: number) {
      now += ms;
      for (const t of timers)
        if (t.live && t.at <= now) {
          t.live = false;
          t.fn();
        }
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

const finished = (f: TabFinding, blocked: boolean, requestId = 'r2'): Finished => ({
  requestId,
  tabId: f.tabId,
  frameId: 0,
  blocked,
  record: f.record,
  cookie: true,
  storageAccess: false,
});

describe('a trial', () => {
  it('starts with the rules in place, takes its requests out of the findings, records the outcome, and Stop removes every rule', async () => {
    const f = byRule('allow-credentials', 'response');
    const h = harness(f);
    const reply = await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    expect(reply).toMatchObject({ ok: true, rules: 1, untried: [] });
    expect(h.dnr.rules).toHaveLength(1);
    expect(h.trials.get(f.tabId)).toMatchObject({ url: expect.stringMatching(/^http:\/\/.+\/s\/acac-missing\/0$/), before: f.message, replayable: true });
    // A request to the trial's URL: its outcome goes to the trial, not to the findings.
    expect(h.trials.observe(finished(f, false))).toBe(true);
    expect(h.trials.get(f.tabId)!.outcome).toMatchObject({ accepted: true, requestId: 'r2' });
    // Another URL of the same tab: judged as usual.
    const other = byRule('missing-allow-origin', 'response');
    expect(h.trials.observe({ ...finished(other, true), tabId: f.tabId })).toBe(false);
    expect(await h.trials.handle({ tabId: f.tabId, off: true })).toEqual({ ok: true });
    expect(h.dnr.rules).toEqual([]);
    expect(h.trials.get(f.tabId)).toBeNull();
    expect(h.changes.at(-1)).toBeNull();
  });

  it('a blocked outcome carries the sentence for what is left, and "status only" when only the status is', async () => {
    const f = byRule('preflight-status', 'preflight');
    const h = harness(f);
    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    h.trials.observe(finished(f, true));
    const o = h.trials.get(f.tabId)!.outcome!;
    expect(o.accepted).toBe(false);
    expect(o.statusOnly).toBe(true);
    expect(o.message).toMatch(/does not have HTTP ok status/);
  });

  it('re-sends a safe request from the page, and reloads for one that is not', async () => {
    const get = byRule('allow-credentials', 'response');
    const h = harness(get);
    await h.trials.handle({ tabId: get.tabId, requestId: get.requestId });
    await h.trials.handle({ tabId: get.tabId, resend: true });
    expect(h.replays).toEqual([
      { url: get.record.hops[0]!.url, method: 'GET', headers: get.record.requestHeaders.map((x) => [x.name, x.value]), credentials: 'include' },
    ]);
    const put = byRule('missing-allow-origin', 'preflight');
    const h2 = harness(put);
    await h2.trials.handle({ tabId: put.tabId, requestId: put.requestId });
    await h2.trials.handle({ tabId: put.tabId, resend: true });
    expect(h2.replays).toEqual([]);
    expect(h2.reloads).toEqual([put.tabId]);
  });

  it('ends at expiry, when the tab closes, and when the tab goes to another origin (not on a reload)', async () => {
    const f = byRule('allow-credentials', 'response');
    const h = harness(f);
    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId, ttlMs: 5000 });
    h.advance(4999);
    await settle();
    expect(h.dnr.rules).toHaveLength(1);
    h.advance(1);
    await settle();
    expect(h.dnr.rules).toEqual([]);
    expect(h.trials.get(f.tabId)).toBeNull();

    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    h.trials.navigated(f.tabId, `${f.record.origin}/other/page`);
    await settle();
    expect(h.dnr.rules).toHaveLength(1);
    h.trials.navigated(f.tabId, 'https://elsewhere.example/');
    await settle();
    await settle();
    expect(h.dnr.rules).toEqual([]);

    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    await h.trials.closed(f.tabId);
    expect(h.dnr.rules).toEqual([]);
  });

  it('a new worker ends an expired trial and removes rules whose trial it does not know', async () => {
    const f = byRule('allow-credentials', 'response');
    const first = harness(f);
    await first.trials.handle({ tabId: f.tabId, requestId: f.requestId, ttlMs: 1000 });
    first.dnr.rules.push({ ...first.dnr.rules[0]!, id: 99, condition: { ...first.dnr.rules[0]!.condition, tabIds: [12345] } });
    // The worker stops (no timer fires) and a new one starts 2 s later with the same storage and rules.
    const second = harness(f, { area: first.area, dnr: first.dnr });
    second.advance(2000);
    await second.trials.sweep([f.tabId]);
    expect(second.dnr.rules).toEqual([]);
    expect(second.trials.get(f.tabId)).toBeNull();
  });

  it('in Firefox, a response that ended in onCompleted is read from its headers and not called confirmed; a re-send is', async () => {
    const f = byRule('allow-credentials', 'response');
    const h = harness(f, { firefox: true, pageSays: false });
    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    // Firefox showed the headers as the rule left them (the fix's lines).
    const fixed = {
      ...f.record,
      hops: [
        {
          ...f.record.hops[0]!,
          response: { status: 200, headers: f.fix.steps[0]!.headers.map((l) => ({ name: l.split(':')[0]!, value: l.slice(l.indexOf(':') + 1).trim() })) },
        },
      ],
    };
    h.trials.observe({ ...finished(f, false), record: fixed });
    expect(h.trials.get(f.tabId)!.outcome).toMatchObject({ accepted: true, confirmed: false });
    // The page's fetch() was refused: that is the browser's word, and a later header reading does not overwrite it.
    await h.trials.handle({ tabId: f.tabId, resend: true });
    expect(h.trials.get(f.tabId)!.outcome).toMatchObject({ accepted: false, confirmed: true, fromPage: true });
    h.trials.observe({ ...finished(f, false, 'r3'), record: fixed });
    expect(h.trials.get(f.tabId)!.outcome).toMatchObject({ accepted: false, confirmed: true, fromPage: true });
    // Seen as it came from the server (no rule applied): blocked by its headers, still not confirmed.
    h.advance(10_000);
    h.trials.observe(finished(f, false, 'r4'));
    expect(h.trials.get(f.tabId)!.outcome).toMatchObject({ accepted: false, confirmed: false, requestId: 'r4' });
  });

  it('refuses a request it does not know, a warning, and an unexplained block', async () => {
    const f = byRule('allow-credentials', 'response');
    const h = harness(f);
    expect(await h.trials.handle({ tabId: f.tabId, requestId: 'nope' })).toMatchObject({ ok: false });
    const w = byRule('missing-vary-origin', 'response');
    expect(await harness(w).trials.handle({ tabId: w.tabId, requestId: w.requestId })).toMatchObject({ ok: false });
    const u = { ...f, unexplained: true };
    expect(await harness(u).trials.handle({ tabId: u.tabId, requestId: u.requestId })).toMatchObject({ ok: false });
    expect(h.dnr.rules).toEqual([]);
  });
});

/** Four findings against one API, each blocked its own way, and the same GET seen twice. */
function oneApi() {
  const picks = [
    byRule('allow-credentials', 'response'), // acac-missing-xhr: GET, no preflight
    byRule('method-not-allowed', 'preflight'),
    byRule('header-not-allowed', 'preflight'),
    byRule('preflight-status', 'preflight'),
  ];
  const api = new URL(picks[0]!.record.hops[0]!.url).origin;
  const seen = findings().filter((f) => f.severity === 'error' && new URL(f.record.hops[0]!.url).origin === api && picks.some((p) => p.rule === f.rule));
  const first = seen[0]!;
  const hop = first.record.hops[0]!;
  const twice: TabFinding = { ...first, requestId: 'again', record: { ...first.record, hops: [{ ...hop, url: hop.url.replace(/\?.*/, '?run=2') }] } };
  return { api, seen: [...seen, twice] };
}

describe('serverTrialPlan', () => {
  it("one request per URL and method, each with that server's lines for it, scoped like a single trial; statuses untried", () => {
    const { api, seen } = oneApi();
    const fix = serverFixes(seen).find((s) => s.origin === api)!;
    const plan = serverTrialPlan(7, fix, seen, 50);
    const distinct = new Set(seen.map((f) => `${f.method.toUpperCase()} ${f.record.hops[0]!.url.replace(/\?.*/, '')}`));
    expect(plan.covered).toHaveLength(distinct.size);
    expect(plan.covered.length).toBe(seen.length - 1);
    expect(plan.rules.map((r) => r.id)).toEqual(plan.rules.map((_, i) => 50 + i));
    for (const r of plan.rules) {
      expect(r.condition.tabIds).toEqual([7]);
      expect(plan.covered.some((c) => c.url.startsWith(api) && new RegExp(r.condition.regexFilter).test(c.url))).toBe(true);
      for (const h of r.action.responseHeaders) expect(h.value).not.toBe('*');
      const acao = r.action.responseHeaders.find((h) => h.header === 'Access-Control-Allow-Origin');
      expect(acao?.value).toBe(seen[0]!.record.origin);
    }
    for (const c of plan.covered) expect(c.before).toBe(seen.find((f) => f.requestId === c.requestId)!.message);
    const status = plan.covered.filter((c) => c.needsStatus);
    expect(status.map((c) => seen.find((f) => f.requestId === c.requestId)!.rule)).toContain('preflight-status');
    expect(plan.untried.join(' ')).toMatch(/cannot change a status code/);
  });
});

describe('a server trial', () => {
  it('covers every request of the fix, records each one\u2019s outcome, leaves other URLs alone, and Stop removes every rule', async () => {
    const { api, seen } = oneApi();
    const h = harness(seen[0]!, { seen });
    const reply = await h.trials.handle({ tabId: seen[0]!.tabId, server: api });
    expect(reply).toMatchObject({ ok: true });
    if (!('covered' in reply)) throw new Error('no covered list');
    expect(reply.covered).toHaveLength(seen.length - 1);
    expect(h.dnr.rules).toHaveLength((reply as { rules: number }).rules);
    const t = h.trials.get(seen[0]!.tabId)!;
    expect(t).toMatchObject({ server: api, url: api, requestId: '' });
    const get = seen.find((f) => f.rule === 'allow-credentials')!;
    expect(h.trials.observe(finished(get, false))).toBe(true);
    const c = h.trials.get(get.tabId)!.covered!.find((x) => x.requestId === get.requestId)!;
    expect(c.outcome).toMatchObject({ accepted: true, confirmed: true });
    // Only that request's outcome: the others are not sent again yet.
    expect(h.trials.get(get.tabId)!.covered!.filter((x) => x.outcome)).toHaveLength(1);
    const elsewhere = byRule('missing-allow-origin', 'redirect');
    expect(h.trials.observe({ ...finished(elsewhere, true), tabId: get.tabId })).toBe(false);
    expect(await h.trials.handle({ tabId: get.tabId, off: true })).toEqual({ ok: true });
    expect(h.dnr.rules).toEqual([]);
    expect(h.trials.get(get.tabId)).toBeNull();
  });

  it('replaces the tab\u2019s trial in one update (no old rule left), and an API without a fix leaves the running trial as it was', async () => {
    const { api, seen } = oneApi();
    const f = seen[0]!;
    const h = harness(f, { seen });
    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    const single = h.dnr.rules.map((r) => r.id);
    const reply = (await h.trials.handle({ tabId: f.tabId, server: api })) as { rules: number };
    expect(h.dnr.rules).toHaveLength(reply.rules);
    expect(h.dnr.rules.filter((r) => single.includes(r.id))).toEqual([]);
    const serverRules = h.dnr.rules.map((r) => r.id);
    expect(await h.trials.handle({ tabId: f.tabId, server: 'http://no-fix.example' })).toMatchObject({ ok: false });
    expect(h.dnr.rules.map((r) => r.id)).toEqual(serverRules);
    expect(h.trials.get(f.tabId)!.server).toBe(api);
    await h.trials.handle({ tabId: f.tabId, requestId: f.requestId });
    expect(h.dnr.rules).toHaveLength(1);
    expect(h.trials.get(f.tabId)!.server).toBeUndefined();
  });

  it('re-sends every covered request from the page when all are GETs, and reloads otherwise', async () => {
    const { api, seen } = oneApi();
    const gets = seen.filter((f) => f.method === 'GET' && f.rule === 'allow-credentials');
    const h = harness(gets[0]!, { seen: gets, pageSays: true });
    await h.trials.handle({ tabId: gets[0]!.tabId, server: api });
    await h.trials.handle({ tabId: gets[0]!.tabId, resend: true });
    expect(h.replays).toHaveLength(h.trials.get(gets[0]!.tabId)!.covered!.length);
    expect(h.trials.get(gets[0]!.tabId)!.covered!.every((c) => c.outcome?.fromPage && c.outcome.accepted)).toBe(true);
    const all = harness(seen[0]!, { seen });
    await all.trials.handle({ tabId: seen[0]!.tabId, server: api });
    await all.trials.handle({ tabId: seen[0]!.tabId, resend: true });
    expect(all.replays).toEqual([]);
    expect(all.reloads).toEqual([seen[0]!.tabId]);
  });

  it('keeps its own copy: where storage hands out the objects it holds (Firefox), what was read before does not change', async () => {
    const { api, seen } = oneApi();
    const h = harness(seen[0]!, { seen, sharing: true });
    await h.trials.handle({ tabId: seen[0]!.tabId, server: api });
    const stored = h.area.get('cors-trials') as TrialState[];
    const copy = structuredClone(stored);
    h.trials.observe(finished(seen[0]!, false));
    expect(stored).toEqual(copy);
    await settle();
    // A worker that starts from that storage and records an outcome leaves it as it was, too.
    const next = harness(seen[0]!, { seen, sharing: true, area: h.area, dnr: h.dnr });
    await next.trials.ready;
    const again = h.area.get('cors-trials') as TrialState[];
    const before = structuredClone(again);
    next.trials.observe(finished(seen[0]!, false, 'r9'));
    expect(again).toEqual(before);
  });
});
