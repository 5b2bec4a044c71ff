// "Try fix" on one server's merged fix (src/core/fix/server.ts): for every request of the tab the
// fix covers, the lines that server would send that request (serverStepsFor: its own Origin, its
// own preflight), as that request's trial rules (trial-rules.ts: same tab, its URL, its method,
// the page's host). A request the tab makes later to another URL of the server is not covered:
// the fix was merged without it, so the trial says nothing about it. Pure, like trial-rules.ts.
import { serverStepsFor, type SeenRequest, type ServerFix } from '../../src/core/fix/server';
import { serializeOrigin } from '../../src/core/origin';
import type { FixStep, RequestRecord } from '../../src/core/types';
import type { CoveredRequest } from '../../src/messages';
import { endpointKey, trialPlan, type TrialRule } from './trial-rules';

/** A request the server fix was built from; a blocked one carries the browser's sentence. */
export type ServerSeen = SeenRequest & { message?: string };

/** A covered request, with the steps and record its outcome is judged by. */
export type CoveredPart = CoveredRequest & { steps: FixStep[]; record: RequestRecord };

export interface ServerTrialPlan {
  rules: TrialRule[];
  untried: string[];
  covered: CoveredPart[];
}

/** One request per URL and method: a blocked one first (its sentence is the "before"). */
function distinctRequests(fix: ServerFix, seen: readonly ServerSeen[]): ServerSeen[] {
  const wanted = new Set(fix.requests);
  const ordered = [...seen.filter((s) => s.severity === 'error'), ...seen.filter((s) => s.severity !== 'error')];
  const byKey = new Map<string, ServerSeen>();
  for (const s of ordered) {
    const first = s.record?.hops?.[0]?.url ?? '';
    const url = endpointKey(first);
    if (!wanted.has(s.requestId) || url === undefined || serializeOrigin(first) !== fix.origin) continue;
    const key = `${s.record.method.toUpperCase()} ${url}`;
    if (!byKey.has(key)) byKey.set(key, s);
  }
  return [...byKey.values()];
}

/** The rules that try `fix` on every request of tab `tabId` it covers; rule ids from `firstId` on. */
export function serverTrialPlan(tabId: number, fix: ServerFix, seen: readonly ServerSeen[], firstId: number): ServerTrialPlan {
  const rules: TrialRule[] = [];
  const untried = new Set<string>();
  const covered: CoveredPart[] = [];
  const written = new Set<string>();
  for (const s of distinctRequests(fix, seen)) {
    const steps = serverStepsFor(fix.fix, s.record, fix.origin);
    const plan = trialPlan(tabId, s.record, steps, 0);
    plan.untried.forEach((u) => untried.add(u));
    if (plan.rules.length === 0) continue;
    for (const r of plan.rules) {
      // Two requests may share a preflight URL and lines: one rule is enough.
      const same = JSON.stringify([r.condition, r.action]);
      if (written.has(same)) continue;
      written.add(same);
      rules.push({ ...r, id: firstId + rules.length });
    }
    covered.push({
      requestId: s.requestId,
      url: endpointKey(s.record.hops[0]!.url)!,
      method: s.record.method.toUpperCase(),
      ...(s.severity === 'error' && typeof s.message === 'string' ? { before: s.message } : {}),
      ...(steps.some((x) => x.status) ? { needsStatus: true as const } : {}),
      steps,
      record: s.record,
    });
  }
  return { rules, untried: [...untried], covered };
}
