// Realistic cases written as raw HTTP text, parsed into a RequestRecord.
//
//   request:  'PUT https://api.example.com/items\nOrigin: https://app.example.com\nContent-Type: application/json'
//   hops:     [{ preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: …', response: 'HTTP/1.1 302\nLocation: …' }, { response: '200' }]
//
// The Origin header becomes record.origin; each later hop's URL is the previous hop's Location.
import { needsPreflight, validate } from '../../src/core/validate';
import type { Fix, HeaderLine, Hop, RequestRecord, ResponseSeen } from '../../src/core/types';

export interface HttpCase {
  request: string;
  hops: { preflight?: string; response?: string }[];
  credentials?: RequestRecord['credentials'];
  initiator?: RequestRecord['initiator'];
}

function headerLines(lines: string[]): HeaderLine[] {
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const i = l.indexOf(':');
      return { name: l.slice(0, i), value: l.slice(i + 1).replace(/^ /, '') };
    });
}

export function parseResponse(text: string): ResponseSeen {
  const [first = '', ...rest] = text.split('\n');
  const status = Number(/(\d{3})/.exec(first)?.[1]);
  return { status, headers: headerLines(rest) };
}

export function parseCase(c: HttpCase): RequestRecord {
  const [first = '', ...rest] = c.request.split('\n');
  const [method = 'GET', url = ''] = first.trim().split(/\s+/);
  const all = headerLines(rest);
  const origin = all.find((h) => h.name.toLowerCase() === 'origin')?.value ?? 'null';
  const requestHeaders = all.filter((h) => h.name.toLowerCase() !== 'origin');
  const hops: Hop[] = [];
  let next = url;
  for (const h of c.hops) {
    const hop: Hop = { url: next };
    if (h.preflight !== undefined) hop.preflight = parseResponse(h.preflight);
    if (h.response !== undefined) hop.response = parseResponse(h.response);
    hops.push(hop);
    const location = hop.response?.headers.find((l) => l.name.toLowerCase() === 'location')?.value;
    if (location !== undefined) next = new URL(location, next).href;
  }
  return { method, origin, credentials: c.credentials ?? 'include', initiator: c.initiator ?? 'fetch', requestHeaders, hops };
}

const REDIRECTS = [301, 302, 303, 307, 308];
const UNSEEN = (status: number): ResponseSeen => ({ status, headers: [] });

function nextUrl(hop: Hop): string | undefined {
  const r = hop.response;
  const location = r?.headers.findLast((h) => h.name.toLowerCase() === 'location')?.value;
  if (r === undefined || !REDIRECTS.includes(r.status) || !location) return undefined;
  try {
    return new URL(location, hop.url).href;
  } catch {
    return undefined;
  }
}

/**
 * The responses the browser will meet that the record never saw, as a server whose CORS layer
 * does not run for them answers: no CORS headers. The actual response after a preflight, and the
 * hop a last redirect leads to (with its own preflight when the request still needs one there:
 * a 303, or a 301/302 of a POST, turns it into a GET without a body; another origin drops
 * Authorization).
 */
function withUnseen(record: RequestRecord): RequestRecord {
  const copy: RequestRecord = structuredClone(record);
  let { method, requestHeaders } = copy;
  for (let i = 0; i < copy.hops.length; i++) {
    const hop = copy.hops[i]!;
    if (hop.response === undefined) {
      hop.response = UNSEEN(200);
      copy.hops.length = i + 1;
      break;
    }
    const next = nextUrl(hop);
    if (next === undefined) break;
    const status = hop.response.status;
    if (status === 303 ? method !== 'GET' && method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
      method = 'GET';
      requestHeaders = requestHeaders.filter((h) => !/^content-(type|encoding|language|location)$/i.test(h.name));
    }
    if (new URL(next).origin !== new URL(hop.url).origin) requestHeaders = requestHeaders.filter((h) => h.name.toLowerCase() !== 'authorization');
    if (i === copy.hops.length - 1) {
      copy.hops.push({ url: next, ...(needsPreflight({ method, requestHeaders }) ? { preflight: UNSEEN(204) } : {}), response: UNSEEN(200) });
      break;
    }
  }
  return copy;
}

/**
 * Apply a whole fix plan the way the lab's override does: on each step's hop and stage, drop every
 * line named in `headers` or `remove`, add the lines, use `status`. A response that stops being a
 * redirect ends the request there (the browser would not follow it). Responses the record never
 * saw are added first, without CORS headers (withUnseen), so a plan that forgets them fails.
 */
export function applyPlan(record: RequestRecord, fix: Pick<Fix, 'steps'>): RequestRecord {
  const copy = withUnseen(record);
  for (const step of fix.steps) {
    const hop = copy.hops[step.hop];
    if (hop === undefined) continue;
    const set = step.headers.map((l) => ({ name: l.slice(0, l.indexOf(':')), value: l.slice(l.indexOf(':') + 1).trim() }));
    const drop = new Set([...set.map((h) => h.name.toLowerCase()), ...(step.remove ?? []).map((n) => n.toLowerCase())]);
    const target = step.stage === 'preflight' ? hop.preflight : hop.response;
    const before: ResponseSeen = target ?? UNSEEN(200);
    const after: ResponseSeen = {
      status: step.status?.to ?? before.status,
      headers: [...before.headers.filter((h) => !drop.has(h.name.toLowerCase())), ...set],
    };
    if (step.stage === 'preflight') hop.preflight = after;
    else {
      hop.response = after;
      if (nextUrl(hop) === undefined) copy.hops.length = step.hop + 1;
    }
  }
  return copy;
}

/** What is left after the whole plan: every finding, errors and warnings, as 'rule@stage/hop'. */
export function leftAfter(record: RequestRecord, fix: Pick<Fix, 'steps'>): string[] {
  return validate(applyPlan(record, fix)).map((f) => `${f.severity} ${f.rule}@${f.stage}/${f.hop}`);
}
