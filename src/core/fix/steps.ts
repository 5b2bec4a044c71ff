// One complete cure per blocked request. A rule's fix clears its own check on one response; the
// browser then meets the next response, which may fail too (auth middleware that answers the
// actual request before CORS runs, a proxy that adds CORS headers on 2xx only, a second layer
// adding a copy). completePlan() applies the rule's step to a copy of the record, judges it
// again, and adds the fix of whatever is left (errors further on, warnings anywhere) until the
// request passes clean.
//
// Responses the browser never got (the actual request after a failed preflight, the target of a
// redirect it refused to follow) are judged as if they carried no CORS headers: that is what they
// carry when the CORS layer does not run for them, and a fix that sets the lines anyway is
// harmless when it does. MDN "Requests with credentials": Access-Control-Allow-Credentials: true
// is needed on the preflight response and on the actual response.
// https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS#preflight_requests_and_credentials
import { isRedirectStatus } from '../access';
import { followRedirect } from '../follow';
import { parseUrl, serializeOrigin } from '../origin';
import { needsPreflight, normalizeMethod } from '../safelist';
import type { FixStep, HeaderLine, Hop, RequestRecord, ResponseSeen } from '../types';
import type { FixPlan } from './plan';

/** The rule fixes of every finding validate() reports for a record (error first). */
export type Judge = (record: RequestRecord) => FixPlan[];

/** Each round fixes at least one more response; a request has a handful. */
const MAX_ROUNDS = 8;

export function stepOf(p: FixStep): FixStep {
  const step: FixStep = { stage: p.stage, hop: p.hop, headers: [...p.headers] };
  if (p.remove !== undefined && p.remove.length > 0) step.remove = [...p.remove];
  if (p.status !== undefined) step.status = { ...p.status };
  return step;
}

/** steps[0] is the rule's own step; the others follow in the order the browser meets them. */
export function completePlan(record: RequestRecord, first: FixPlan, judge: Judge): { steps: FixStep[]; notes: string[] } {
  const steps = [stepOf(first)];
  const notes = [...first.notes];
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      for (const plan of judge(applySteps(record, steps))) {
        if (!merge(steps, plan)) continue;
        changed = true;
        for (const n of plan.notes) if (!notes.includes(n)) notes.push(n);
      }
      if (!changed) break;
    }
  } catch {
    // A record no browser produces (getters that throw, cycles): keep the rule's own step.
    return { steps: [stepOf(first)], notes: [...first.notes] };
  }
  const [head, ...rest] = steps;
  rest.sort((a, b) => a.hop - b.hop || Number(b.stage === 'preflight') - Number(a.stage === 'preflight'));
  return { steps: [head!, ...rest], notes };
}

const nameOf = (line: string): string =>
  line
    .slice(0, Math.max(0, line.indexOf(':')))
    .trim()
    .toLowerCase();
const sameResponse = (a: FixStep, b: FixStep): boolean => a.hop === b.hop && (a.stage === 'preflight') === (b.stage === 'preflight');

/** Fold a step into the plan (set semantics per header name); false when it adds nothing. */
function merge(steps: FixStep[], add: FixStep): boolean {
  const into = steps.find((s) => sameResponse(s, add));
  if (into === undefined) {
    if (add.headers.length === 0 && !add.remove?.length && add.status === undefined) return false;
    steps.push(stepOf(add));
    return true;
  }
  let changed = false;
  for (const line of add.headers) {
    if (into.headers.includes(line)) continue;
    const name = nameOf(line);
    const at = into.headers.findIndex((l) => nameOf(l) === name);
    if (at >= 0) into.headers = into.headers.filter((l, i) => i === at || nameOf(l) !== name).map((l, i) => (i === at ? line : l));
    else into.headers = [...into.headers, line];
    if (into.remove) into.remove = into.remove.filter((r) => r.toLowerCase() !== name);
    changed = true;
  }
  for (const name of add.remove ?? []) {
    if (into.remove?.some((r) => r.toLowerCase() === name.toLowerCase())) continue;
    into.remove = [...(into.remove ?? []), name];
    into.headers = into.headers.filter((l) => nameOf(l) !== name.toLowerCase());
    changed = true;
  }
  if (add.status !== undefined && into.status?.to !== add.status.to) {
    into.status = { ...add.status };
    changed = true;
  }
  if (into.remove?.length === 0) delete into.remove;
  return changed;
}

const UNSEEN: ResponseSeen = { status: 200, headers: [] };
const UNSEEN_PREFLIGHT: ResponseSeen = { status: 204, headers: [] };

function lineOf(line: string): HeaderLine {
  const i = line.indexOf(':');
  return { name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() };
}

function copyResponse(r: ResponseSeen | undefined): ResponseSeen | undefined {
  if (typeof r !== 'object' || r === null) return undefined;
  // Header lines are never changed in place, so the lines themselves are shared.
  return { status: r.status, headers: Array.isArray(r.headers) ? [...r.headers] : [] };
}

function locationOf(r: ResponseSeen, url: string): string | undefined {
  if (!isRedirectStatus(r.status)) return undefined;
  const line = r.headers.findLast((h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'location');
  return typeof line?.value === 'string' && line.value !== '' ? parseUrl(line.value, url)?.href : undefined;
}

/**
 * The record as the browser would see it once every step is applied: each step's lines set on its
 * response (same-named lines replaced), `remove` dropped, the status changed; a response that stops
 * being a redirect ends the request there. Unseen responses are added without CORS headers.
 */
export function applySteps(record: RequestRecord, steps: readonly FixStep[]): RequestRecord {
  const hops: Hop[] = record.hops.map((h) => {
    const hop: Hop = { url: h.url };
    const preflight = copyResponse(h.preflight);
    const response = copyResponse(h.response);
    if (preflight) hop.preflight = preflight;
    if (response) hop.response = response;
    return hop;
  });
  const copy: RequestRecord = { ...record, hops };
  fillUnseen(copy);
  for (const step of steps) {
    const hop = hops[step.hop];
    if (hop === undefined) continue;
    const set = step.headers.map(lineOf);
    const drop = new Set([...set.map((h) => h.name.toLowerCase()), ...(step.remove ?? []).map((n) => n.toLowerCase())]);
    const before = (step.stage === 'preflight' ? hop.preflight : hop.response) ?? UNSEEN;
    const after: ResponseSeen = {
      status: step.status?.to ?? before.status,
      headers: [...before.headers.filter((h) => !(typeof h?.name === 'string' && drop.has(h.name.toLowerCase()))), ...set],
    };
    if (step.stage === 'preflight') hop.preflight = after;
    else {
      hop.response = after;
      if (locationOf(after, hop.url) === undefined) hops.length = step.hop + 1;
    }
  }
  return copy;
}

/** Add what the browser did not get to: the actual response, and where a last redirect leads. */
function fillUnseen(record: RequestRecord): void {
  const hops = record.hops;
  let method = normalizeMethod(record.method);
  let requestHeaders: HeaderLine[] = Array.isArray(record.requestHeaders) ? record.requestHeaders : [];
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    if (hop.response === undefined) {
      hop.response = { ...UNSEEN };
      hops.length = i + 1;
      return;
    }
    const location = locationOf(hop.response, hop.url);
    if (location === undefined) return;
    ({ method, requestHeaders } = followRedirect(method, requestHeaders, hop.response.status, serializeOrigin(location) !== serializeOrigin(hop.url)));
    if (i + 1 === hops.length) {
      const preflight = needsPreflight({ method, requestHeaders }) ? { preflight: { ...UNSEEN_PREFLIGHT } } : {};
      hops.push({ url: location, ...preflight, response: { ...UNSEEN } });
      return;
    }
  }
}
