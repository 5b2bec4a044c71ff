// "Try fix" in the worker: at most one trial per tab, as declarativeNetRequest session rules
// (trial-rules.ts) plus a small record in storage.session. Session rules and storage.session are
// both emptied when the browser quits, so no trial survives a restart. A trial ends on Stop, when
// its tab closes, when the tab goes to another origin, or at `expires` (a timer while the worker
// runs, an alarm to wake it, and a sweep when it starts). Written against injected APIs so the
// unit test drives it without a browser; main.ts passes the real ones through platform.ts.
import type { FixStep, RequestRecord } from '../../src/core/types';
import type { ServerFix } from '../../src/core/fix/server';
import { applySteps } from '../../src/core/fix/steps';
import { serializeOrigin } from '../../src/core/origin';
import { isSecretHeader } from '../../src/core/secrets';
import { TRIAL_MS, type CoveredRequest, type TabFinding, type TrialOutcome, type TrialState } from '../../src/messages';
import type { Finished } from './collector';
import { endpointKey, trialPlan, type TrialRule } from './trial-rules';
import { serverTrialPlan, type ServerSeen } from './server-trial';

/** declarativeNetRequest's session-rule calls (Chrome and Firefox alike). */
export interface SessionRules {
  getSessionRules(): Promise<{ id: number; condition?: { tabIds?: number[] } }[]>;
  updateSessionRules(o: { addRules?: TrialRule[]; removeRuleIds?: number[] }): Promise<void>;
}

export interface TrialsDeps {
  dnr: SessionRules;
  area: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  now(): number;
  /** setTimeout; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
  /** Wakes a stopped worker at `when` (alarms), if the browser has them. */
  wake?(name: string, when: number): void;
  unwake?(name: string): void;
  /** The tab's finding for a request (the first error). */
  finding(tabId: number, requestId: string): Promise<TabFinding | undefined>;
  /** The tab's merged fix for one API origin, and the requests seen (findings and passing ones). */
  server?(tabId: number, origin: string): Promise<{ fix: ServerFix; seen: ServerSeen[] } | undefined>;
  /** The first error the validator finds on a record, in this browser's words. */
  firstError(record: RequestRecord): { message: string; rule: string } | undefined;
  /** Replays a safe request from the page (MAIN world); reloads the tab otherwise. */
  /** Resolves with whether the page's fetch() got the response (true) or was refused (false). */
  replay(tabId: number, req: { url: string; method: string; headers: [string, string][]; credentials: RequestCredentials }): Promise<boolean | undefined>;
  reload(tabId: number): Promise<unknown>;
  /** Badge and open panels. */
  changed(tabId: number, trial: TrialState | null): void;
  /**
   * Firefox: a simple request it blocks ends in onCompleted, not in an error, so the outcome is
   * judged from the headers as the rules leave them; and its "set" needs a "remove" first.
   */
  firefox?: boolean;
}

const KEY = 'cors-trials';
export const ALARM_PREFIX = 'cors-trial:';

/** What the worker keeps of a trial: what the panel sees, plus the rules and the plan. */
interface Kept extends TrialState {
  ruleIds: number[];
  steps: FixStep[];
  record: RequestRecord;
  /** A server trial: each covered request's own steps and record, in the order of `covered`. */
  parts?: { steps: FixStep[]; record: RequestRecord }[];
}

export type TryFixReply = { ok: true; rules: number; expires: number; untried: string[]; covered?: string[] } | { ok: true } | { ok: false; error: string };

const SAFE = new Set(['GET', 'HEAD']);
/** A re-send's own result stands against a header verdict that arrives this soon after it. */
const PAGE_WINS_MS = 5000;

/** A request the page may send again without side effects, with every header value known. */
function replayable(r: RequestRecord): boolean {
  return SAFE.has(r.method.toUpperCase()) && (r.requestHeaders ?? []).every((h) => !isSecretHeader(h.name) && h.value !== '(not seen)');
}

const publicState = ({ ruleIds: _r, steps: _s, record: _c, parts: _p, ...t }: Kept): TrialState => t;

/** The tab's rules in `all`: the ids we know of, and any rule scoped to that tab alone. */
function tabRuleIds(all: { id: number; condition?: { tabIds?: number[] } }[], tabId: number, known: readonly number[]): number[] {
  const ids = new Set(known.filter((id) => all.some((r) => r.id === id)));
  for (const r of all) if (r.condition?.tabIds?.length === 1 && r.condition.tabIds[0] === tabId) ids.add(r.id);
  return [...ids];
}

/** Keeps a re-send's own result (the page's fetch) over a header verdict that arrives just after it. */
function nextOutcome(prev: TrialOutcome | undefined, seen: TrialOutcome, now: number): TrialOutcome {
  const fromPage = prev?.confirmed && prev.fromPage && now - prev.time < PAGE_WINS_MS;
  return !fromPage || seen.confirmed ? seen : prev;
}

export function createTrials(deps: TrialsDeps) {
  const trials = new Map<number, Kept>();
  const timers = new Map<number, () => void>();
  let chain: Promise<unknown> = deps.area
    .get(KEY)
    .then((all) => {
      const list = all[KEY];
      // A copy: Firefox's storage.session can hand back objects it still holds, and outcomes are
      // written into these in place.
      if (Array.isArray(list))
        for (const t of list as Kept[]) if (t && typeof t.tabId === 'number' && Array.isArray(t.ruleIds)) trials.set(t.tabId, structuredClone(t));
    })
    .catch(() => {});

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.then(task);
    chain = next.catch(() => {});
    return next;
  };
  // A copy for the same reason: what storage keeps must not change when a trial's outcome does.
  const save = () => deps.area.set({ [KEY]: structuredClone([...trials.values()]) });

  function arm(t: Kept): void {
    timers.get(t.tabId)?.();
    timers.set(
      t.tabId,
      deps.schedule(() => void end(t.tabId), Math.max(0, t.expires - deps.now())),
    );
    deps.wake?.(`${ALARM_PREFIX}${t.tabId}`, t.expires);
  }

  /** Removes the tab's rules (and any rule of a trial we lost track of for that tab). */
  async function removeRules(tabId: number, known: number[]): Promise<void> {
    const ids = tabRuleIds(await deps.dnr.getSessionRules(), tabId, known);
    if (ids.length) await deps.dnr.updateSessionRules({ removeRuleIds: ids });
  }

  /**
   * Puts a new trial's rules in place of the tab's old ones in one update (DNR removes, then adds),
   * so no rule of a replaced trial stays; an empty plan leaves the old trial as it was.
   */
  async function install<P extends { rules: TrialRule[] }>(tabId: number, plan: (firstId: number) => P): Promise<P> {
    const all = await deps.dnr.getSessionRules();
    const made = plan(all.reduce((m, r) => Math.max(m, r.id), 0) + 1);
    if (made.rules.length > 0)
      await deps.dnr.updateSessionRules({ removeRuleIds: tabRuleIds(all, tabId, trials.get(tabId)?.ruleIds ?? []), addRules: made.rules });
    return made;
  }

  /** Records a trial whose rules are in place, and tells the badge and the panels. */
  async function started(t: Kept): Promise<void> {
    trials.set(t.tabId, t);
    await save();
    arm(t);
    deps.changed(t.tabId, publicState(t));
  }

  function end(tabId: number): Promise<void> {
    return run(async () => {
      const t = trials.get(tabId);
      timers.get(tabId)?.();
      timers.delete(tabId);
      deps.unwake?.(`${ALARM_PREFIX}${tabId}`);
      await removeRules(tabId, t?.ruleIds ?? []);
      if (!t) return;
      trials.delete(tabId);
      await save();
      deps.changed(tabId, null);
    });
  }

  async function begin(tabId: number, requestId: string, ttlMs: number): Promise<TryFixReply> {
    const f = await deps.finding(tabId, requestId);
    if (!f || f.severity !== 'error' || f.unexplained || f.kind === 'cookie') return { ok: false, error: 'no blocked request with that id on this tab' };
    const url = endpointKey(f.record.hops[0]?.url ?? '');
    if (url === undefined) return { ok: false, error: 'the request URL is not http(s)' };
    const steps = f.fix.steps;
    const plan = await install(tabId, (firstId) => trialPlan(tabId, f.record, steps, firstId));
    if (plan.rules.length === 0) return { ok: false, error: plan.untried[0] ?? 'this fix has no header lines to try' };
    const now = deps.now();
    const t: Kept = {
      tabId,
      requestId,
      url,
      method: f.method,
      pageOrigin: f.record.origin,
      started: now,
      expires: now + Math.min(ttlMs, TRIAL_MS),
      rules: plan.rules.length,
      untried: plan.untried,
      before: f.message,
      replayable: replayable(f.record),
      ruleIds: plan.rules.map((r) => r.id),
      steps,
      record: f.record,
    };
    await started(t);
    return { ok: true, rules: t.rules, expires: t.expires, untried: t.untried };
  }

  /** A server trial: the merged fix of one API origin, on every request of the tab it covers. */
  async function beginServer(tabId: number, server: string, ttlMs: number): Promise<TryFixReply> {
    const found = await deps.server?.(tabId, server);
    if (!found) return { ok: false, error: 'no fix for that server on this tab' };
    const plan = await install(tabId, (firstId) => serverTrialPlan(tabId, found.fix, found.seen, firstId));
    if (plan.rules.length === 0) return { ok: false, error: plan.untried[0] ?? 'this fix has no header lines to try' };
    const now = deps.now();
    const covered: CoveredRequest[] = plan.covered.map(({ steps: _s, record: _r, ...c }) => c);
    const t: Kept = {
      tabId,
      requestId: '',
      url: server,
      server,
      covered,
      method: '',
      pageOrigin: plan.covered[0]!.record.origin,
      started: now,
      expires: now + Math.min(ttlMs, TRIAL_MS),
      rules: plan.rules.length,
      untried: plan.untried,
      before: '',
      replayable: plan.covered.every((c) => replayable(c.record)),
      ruleIds: plan.rules.map((r) => r.id),
      steps: [],
      record: plan.covered[0]!.record,
      parts: plan.covered.map(({ steps, record }) => ({ steps, record })),
    };
    await started(t);
    return { ok: true, rules: t.rules, expires: t.expires, untried: t.untried, covered: covered.map((c) => c.requestId) };
  }

  /** The outcome of a request made under the trial (with these steps), in the browser's terms. */
  function outcomeOf(steps: readonly FixStep[], f: Finished): TrialOutcome {
    // The sentence for the response as the trial left it. Chromium's webRequest shows the headers
    // before the rules change them: the plan's lines applied, statuses not. Firefox's shows them
    // after (its rules run in the same header pass), so its record is judged as seen.
    const withoutStatus = steps.map(({ status: _s, ...s }) => s);
    const left = deps.firstError(deps.firefox ? f.record : applySteps(f.record, withoutStatus));
    const blocked = f.blocked || (deps.firefox === true && left !== undefined);
    // Firefox ends a response it blocks in onCompleted, like one it accepts: only an error is its own word.
    const out: TrialOutcome = { accepted: !blocked, confirmed: !deps.firefox || f.blocked, requestId: f.requestId, time: deps.now() };
    if (blocked) {
      out.message = left?.message ?? `The browser still blocked the request (${f.error ?? 'net::ERR_FAILED'}); none of our rules explains why.`;
      if (steps.some((s) => s.status) && left?.rule === 'preflight-status') out.statusOnly = true;
    }
    return out;
  }

  return {
    ready: chain,
    /** `{ type: 'cors/try-fix', … }` from one of our pages. */
    handle(msg: { tabId: number; requestId?: string; server?: string; ttlMs?: number; off?: true; resend?: true }): Promise<TryFixReply> {
      if (msg.off) return end(msg.tabId).then(() => ({ ok: true as const }));
      if (msg.resend) return resend(msg.tabId);
      if (msg.server !== undefined) return run(() => beginServer(msg.tabId, msg.server!, msg.ttlMs ?? TRIAL_MS));
      return run(() => begin(msg.tabId, msg.requestId!, msg.ttlMs ?? TRIAL_MS));
    },
    get: (tabId: number): TrialState | null => {
      const t = trials.get(tabId);
      return t ? publicState(t) : null;
    },
    active: (tabId: number): boolean => trials.has(tabId),
    /**
     * A finished request of a tab under trial, to the trial's URL: its outcome goes to the trial
     * (true), not to the findings, which would judge headers the browser never acted on.
     */
    observe(f: Finished): boolean {
      const t = trials.get(f.tabId);
      if (!t) return false;
      const key = endpointKey(f.record.hops[0]?.url ?? '');
      const method = f.record.method.toUpperCase();
      if (t.covered) {
        const hits = t.covered.flatMap((c, i) => (c.url === key && c.method.toUpperCase() === method ? [i] : []));
        if (hits.length === 0) return false;
        for (const i of hits) t.covered[i]!.outcome = nextOutcome(t.covered[i]!.outcome, outcomeOf(t.parts?.[i]?.steps ?? [], f), deps.now());
      } else {
        if (key !== t.url || method !== t.method.toUpperCase()) return false;
        // The page's own fetch result (a re-send) outranks a verdict read from the headers.
        t.outcome = nextOutcome(t.outcome, outcomeOf(t.steps, f), deps.now());
      }
      void run(save);
      deps.changed(t.tabId, publicState(t));
      return true;
    },
    /** A top-level navigation: another origin ends the tab's trial (a reload keeps it). */
    navigated(tabId: number, url: string): void {
      const t = trials.get(tabId);
      if (t && serializeOrigin(url) !== t.pageOrigin) void end(tabId);
    },
    closed: (tabId: number) => end(tabId),
    /** At worker start: end expired trials, and trials of tabs that are gone; re-arm the others. */
    sweep(openTabs: readonly number[]): Promise<void> {
      return chain.then(async () => {
        for (const t of [...trials.values()]) {
          if (t.expires <= deps.now() || !openTabs.includes(t.tabId)) await end(t.tabId);
          else arm(t);
        }
        // Rules whose trial record is gone (written before a crash between the two writes).
        const orphans = (await deps.dnr.getSessionRules()).filter((r) => !r.condition?.tabIds?.some((id) => trials.has(id))).map((r) => r.id);
        if (orphans.length) await deps.dnr.updateSessionRules({ removeRuleIds: orphans });
      });
    },
    /** An alarm fired: end the trial if its time is up. */
    alarm(name: string): void {
      if (!name.startsWith(ALARM_PREFIX)) return;
      const tabId = Number(name.slice(ALARM_PREFIX.length));
      const t = trials.get(tabId);
      if (t && t.expires <= deps.now() + 1000) void end(tabId);
    },
  };

  /** Sends a recorded request again from the page: whether its fetch() got the response, if it says. */
  function replayRecord(tabId: number, r: RequestRecord): Promise<boolean | undefined> {
    const credentials: RequestCredentials = r.credentials === 'omit' || r.credentials === 'same-origin' ? r.credentials : 'include';
    return deps.replay(tabId, { url: r.hops[0]!.url, method: r.method, headers: (r.requestHeaders ?? []).map((h) => [h.name, h.value]), credentials });
  }

  /** fetch() resolved or rejected in the page: the browser's own verdict, in either browser. */
  function pageOutcome(accepted: boolean, prev: TrialOutcome | undefined): TrialOutcome {
    return {
      accepted,
      confirmed: true,
      fromPage: true,
      requestId: prev?.requestId ?? '',
      time: deps.now(),
      ...(accepted ? {} : { message: prev && !prev.accepted ? prev.message : 'The browser refused the response to the page (fetch failed).' }),
    };
  }

  /** Every request of the trial again: from the page when all are safe to repeat, else a reload. */
  async function resend(tabId: number): Promise<TryFixReply> {
    const t = trials.get(tabId);
    if (!t) return { ok: false, error: 'no trial on this tab' };
    if (!t.replayable) {
      await deps.reload(tabId);
      return { ok: true };
    }
    const targets = t.parts ? t.parts.map((p, i) => ({ record: p.record, i })) : [{ record: t.record, i: -1 }];
    for (const { record, i } of targets) {
      const accepted = await replayRecord(tabId, record);
      if (typeof accepted !== 'boolean' || trials.get(tabId) !== t) continue;
      const c = t.covered?.[i];
      if (c) c.outcome = pageOutcome(accepted, c.outcome);
      else t.outcome = pageOutcome(accepted, t.outcome);
      await save();
      deps.changed(tabId, publicState(t));
    }
    return { ok: true };
  }
}
