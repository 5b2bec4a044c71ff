// Realistic cases written as raw HTTP text (STYLE.md P13), parsed into a RequestRecord.
//
//   request:  'PUT https://api.example.com/items\nOrigin: https://app.example.com\nContent-Type: application/json'
//   hops:     [{ preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: …', response: 'HTTP/1.1 302\nLocation: …' }, { response: '200' }]
//
// The Origin header becomes record.origin; each later hop's URL is the previous hop's Location.
import { rules } from '../../src/core/validate';
import type { Finding, Fix, HeaderLine, Hop, RequestRecord, ResponseSeen } from '../../src/core/types';

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

/**
 * Apply a fix the way the lab and the extension's override do: on the fix's hop and stage, drop
 * every line named in `headers` or `remove`, add the lines, use `status`. A response that stops
 * being a redirect ends the request there (the browser would not follow it).
 */
export function applyFix(record: RequestRecord, fix: Fix, findingHop: number): RequestRecord {
  const hopIndex = fix.hop ?? findingHop;
  const copy: RequestRecord = structuredClone(record);
  const hop = copy.hops[hopIndex];
  if (hop === undefined) return copy;
  const set = fix.headers.map((l) => ({ name: l.slice(0, l.indexOf(':')), value: l.slice(l.indexOf(':') + 1).trim() }));
  const drop = new Set([...set.map((h) => h.name.toLowerCase()), ...(fix.remove ?? []).map((n) => n.toLowerCase())]);
  const target = fix.stage === 'preflight' ? hop.preflight : hop.response;
  const before: ResponseSeen = target ?? { status: 200, headers: [] };
  const after: ResponseSeen = {
    status: fix.status?.to ?? before.status,
    headers: [...before.headers.filter((h) => !drop.has(h.name.toLowerCase())), ...set],
  };
  if (fix.stage === 'preflight') hop.preflight = after;
  else {
    hop.response = after;
    const redirect = [301, 302, 303, 307, 308].includes(after.status) && after.headers.some((h) => h.name.toLowerCase() === 'location');
    if (!redirect) copy.hops.length = hopIndex + 1;
  }
  return copy;
}

/** Where a finding sits in Chromium's walk: hop, then preflight before response, then rule order. */
function position(f: Finding): [number, number, number] {
  return [f.hop, f.stage === 'preflight' ? 0 : 1, rules.findIndex((r) => r.id === f.rule)];
}

/** True when `later` comes strictly after `earlier` in Chromium's check order. */
export function comesAfter(later: Finding, earlier: Finding): boolean {
  const [h, s, r] = position(later);
  const [h0, s0, r0] = position(earlier);
  return h > h0 || (h === h0 && (s > s0 || (s === s0 && r > r0)));
}
