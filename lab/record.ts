// Turns what the lab servers saw of one run into the validator's RequestRecord: the request as
// the page made it (from the scenario) and each hop's responses exactly as the servers sent them.
import { headerText } from '../src/core/bytes';
import { isSecretHeader, REDACTED } from '../src/core/secrets';
import type { HeaderLine, Hop, RequestRecord } from '../src/core/types';
import { normalizeMethod, type Scenario } from './scenarios';
import type { Exchange } from './server';

/** The exchanges of the newest run of a scenario, in arrival order. */
export function lastRun(log: readonly Exchange[], id: string): Exchange[] {
  const mine = log.filter((e) => e.scenario === id);
  const run = mine.at(-1)?.run;
  return run === undefined ? [] : mine.filter((e) => e.run === run);
}

export function buildRecord(scenario: Scenario, exchanges: readonly Exchange[], pageOrigin: string): RequestRecord | undefined {
  if (exchanges.length === 0) return undefined;
  const hops: Hop[] = [];
  const last = Math.max(...exchanges.map((e) => e.hop));
  for (let i = 0; i <= last; i++) {
    const pre = exchanges.findLast((e) => e.hop === i && e.method === 'OPTIONS');
    const res = exchanges.findLast((e) => e.hop === i && e.method !== 'OPTIONS');
    const seen = (res ?? pre)?.url;
    if (seen === undefined) break; // a gap: the browser never got there
    // XHR credentials given to open() become the URL's userinfo (XHR "open()" step 9), which the
    // browser then names in its sentence; the server never sees them in the URL.
    const url = i === 0 && scenario.xhrAuth === true ? seen.replace('://', '://user:pass@') : seen;
    hops.push({
      url,
      ...(pre ? { preflight: { status: pre.status, headers: pre.responseHeaders.map(copy) } } : {}),
      ...(res ? { response: received(res) } : {}),
    });
  }
  return {
    method: normalizeMethod(scenario.method),
    origin: pageOrigin,
    credentials: scenario.client === 'xhr' && scenario.credentials === 'omit' ? 'same-origin' : scenario.credentials,
    initiator: scenario.client === 'xhr' ? 'xmlhttprequest' : 'fetch',
    // Author headers only; never a Cookie/Authorization value (privacy rule of the house).
    requestHeaders: Object.entries(scenario.headers).map(([name, value]) => ({ name, value: isSecretHeader(name) ? REDACTED : value })),
    hops,
  };
}

/**
 * Chromium 156 on this machine fails a response with a NUL byte in a header line
 * (net::ERR_INVALID_HTTP_RESPONSE, lab edge-acao-nul): no response arrived, status 0, which the
 * validator does not judge.
 */
function received(e: Exchange): { status: number; headers: HeaderLine[] } {
  if (e.responseHeaders.some((h) => h.value.includes('\0') || h.name.includes('\0'))) return { status: 0, headers: [] };
  return { status: e.status, headers: e.responseHeaders.map(copy) };
}

// The servers log bytes (one char per byte); the record holds text as the worker reads it from
// webRequest: UTF-8 decoded, or each non-UTF-8 byte kept (src/core/bytes.ts).
const copy = (h: HeaderLine): HeaderLine => ({ name: h.name, value: isSecretHeader(h.name) ? REDACTED : headerText(h.value) });
