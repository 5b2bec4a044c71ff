// One fix per server for `cors-inspector har`: the merged cure (src/core/fix/server.ts) for every
// API origin the HAR's page called, over its failed requests and the cross-origin fetch/XHR calls
// that worked (so the cure keeps them working). Printed first, before each request's own report.
import { getHeader } from '../core/headers';
import { serializeOrigin } from '../core/origin';
import { isSafelistedName } from '../core/safelist';
import { serverFixes, serverStepLabel, type SeenRequest, type ServerFix } from '../core/fix/server';
import { snippets } from '../core/fix/stacks/index';
import { snippetLines } from './render';
import { redactText } from '../core/redact';
import type { HeaderLine, RequestRecord, StackId } from '../core/types';
import type { Entry, HarJudged } from './har';
import { paint, safe, type Style } from './style';

const SCRIPTED = new Set(['', 'fetch', 'xhr', 'other']);

/** A cross-origin fetch/XHR the browser let through, as the merge needs it. */
function passingRecord(e: Entry, preflightTo: ReadonlyMap<string, Entry>): RequestRecord | undefined {
  if (e.preflight || e.status <= 0 || e.error !== '' || !SCRIPTED.has(e.resourceType)) return undefined;
  const origin = getHeader(e.requestHeaders, 'origin') ?? e.pageOrigin;
  if (origin === undefined || origin === serializeOrigin(e.url)) return undefined;
  // The page's own headers: the names its preflight listed, and the safelisted ones (what went on
  // the wire also holds the browser's own headers).
  const preflight = preflightTo.get(e.url);
  const listed = new Set((getHeader(preflight?.requestHeaders, 'access-control-request-headers') ?? '').split(',').map((s) => s.trim().toLowerCase()));
  const requestHeaders: HeaderLine[] = e.requestHeaders.filter((h) => listed.has(h.name.toLowerCase()) || isSafelistedName(h.name.toLowerCase()));
  const credentials = getHeader(e.requestHeaders, 'cookie') !== undefined ? 'include' : 'unknown';
  return { method: e.method, origin, credentials, initiator: e.resourceType === 'xhr' ? 'xmlhttprequest' : 'fetch', requestHeaders, hops: [{ url: e.url }] };
}

/** The HAR's servers: each failed request (`failed-<n>`, its place in the report) and each passing call (`passing-<entry>`). */
export function harServers(judged: readonly HarJudged[], entries: readonly Entry[]): ServerFix[] {
  const seen: SeenRequest[] = judged.map((j, i) => {
    const error = j.findings.find((f) => f.severity === 'error');
    return { requestId: `failed-${i + 1}`, record: j.record, ...(error ? { fix: error.fix, severity: 'error' as const } : {}) };
  });
  // The first preflight to each URL, looked up (a scan of the HAR per passing call is quadratic).
  const preflightTo = new Map<string, Entry>();
  for (const e of entries) if (e.preflight && !preflightTo.has(e.url)) preflightTo.set(e.url, e);
  for (const e of entries) {
    const record = passingRecord(e, preflightTo);
    if (record) seen.push({ requestId: `passing-${e.index}`, record });
  }
  // Only servers a failure was seen on need a cure.
  return serverFixes(seen).filter((s) => s.requests.some((id) => id.startsWith('failed-')));
}

/** The servers as JSON: each fix with every stack's snippet, like the extension's `cors/server-fixes`. */
export function serversJson(servers: readonly ServerFix[]): unknown[] {
  return servers.map((s) => JSON.parse(redactText(JSON.stringify({ ...s, fix: { ...s.fix, snippets: snippets(s.fix.spec) } }))) as unknown);
}

/** The per-server section of the report. */
export function renderServers(servers: readonly ServerFix[], style: Style, stack: StackId | undefined): string[] {
  if (servers.length === 0) return [];
  const out = [paint(style, 'bold', 'One fix per server (paste it once; it cures every request below to that server):'), ''];
  for (const s of servers) {
    out.push(paint(style, 'bold', `Fix for ${safe(new URL(s.origin).host)}: covers ${s.requests.length} request${s.requests.length === 1 ? '' : 's'}`));
    for (const step of s.fix.steps) {
      out.push(`  ${serverStepLabel(step)}:`, ...step.headers.map((h) => paint(style, 'green', `      ${safe(h)}`)));
    }
    for (const n of s.fix.notes) out.push(`  - ${safe(redactText(n))}`);
    out.push(...snippetLines(s.fix.spec, stack, style));
    out.push('');
  }
  return out;
}
