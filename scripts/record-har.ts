// Records a HAR of lab scenarios from real Chromium, with the built extension loaded, and the
// extension's own findings for the same requests (cors/findings), into test/fixtures/har/. The
// `har` command's test re-diagnoses the HAR and must agree with the extension.
//
// The HAR is built from the DevTools protocol's Network events, the events DevTools' own HAR
// export is built from (devtools-frontend front_end/models/har/Log.ts), with its field names:
// one entry per hop (a redirect is its own entry with redirectURL), preflights as entries with
// _resourceType 'preflight', a failure in response._error. Playwright's recordHar is not used: it
// drops preflights and the response headers of CORS-blocked requests, which is all that matters here.
// Secret values (Cookie, Authorization, Set-Cookie) are replaced before anything is written.
// Usage: npm run build && npm run record:har
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { readFindings, runScenario, startRig, until } from './browser/worker-rig';

const OUT = 'test/fixtures/har';
/** One scenario per failure kind and stage, redirects, non-credentialed failures, controls. */
export const HAR_SCENARIOS = [
  'acao-missing',
  'acao-missing-xhr',
  'acao-wildcard',
  'acao-two-lines',
  'acao-comma-list',
  'acao-other-origin',
  'acao-null',
  'acac-missing',
  'acac-false',
  'error-500-no-cors',
  'preflight-acao-missing',
  'preflight-acao-wildcard',
  'preflight-acac-missing',
  'preflight-401-with-cors',
  'preflight-404-with-cors',
  'preflight-redirect',
  'acam-missing-method',
  'acam-unparsable',
  'acah-missing-header',
  'acah-wildcard',
  'acah-json-missing',
  'acah-unparsable',
  'redirect-no-cors',
  'redirect-login',
  'redirect-login-allow-listed',
  'redirect-userinfo',
  'redirect-303-post',
  'redirect-307-put',
  'omit-acao-missing',
  'control-get-cross-site',
  'control-no-vary',
  'control-put-json',
];

type Headers = Record<string, string>;
interface HopSeen {
  requestId: string;
  url: string;
  method: string;
  type: string;
  initiator: { type: string; url?: string; requestId?: string };
  time: number;
  wallTime: number;
  requestHeaders: Headers;
  status: number;
  statusText: string;
  responseHeaders?: Headers;
  error?: string;
}

const SECRET = /^(cookie|authorization|proxy-authorization|set-cookie)$/i;
/** DevTools lists a header the protocol joined with '\n' as one entry per value. */
const lines = (h: Headers | undefined) =>
  Object.entries(h ?? {}).flatMap(([name, value]) => value.split('\n').map((v) => ({ name, value: SECRET.test(name) ? '[redacted]' : v })));

function collect(session: CDPSession): { hops: HopSeen[]; join(): void } {
  const hops: HopSeen[] = [];
  const byId = new Map<string, HopSeen[]>();
  const reqExtra = new Map<string, Headers[]>();
  const resExtra = new Map<string, { statusCode: number; headers: Headers }[]>();
  const list = <T>(m: Map<string, T[]>, id: string): T[] => m.get(id) ?? m.set(id, []).get(id)!;
  session.on('Network.requestWillBeSent', (p) => {
    const mine = list(byId, p.requestId);
    const last = mine.at(-1);
    if (last && p.redirectResponse) {
      last.status = p.redirectResponse.status;
      last.statusText = p.redirectResponse.statusText;
      last.responseHeaders ??= p.redirectResponse.headers;
    }
    const hop: HopSeen = {
      requestId: p.requestId,
      url: p.request.url,
      method: p.request.method,
      type: p.type ?? 'Other',
      initiator: p.initiator,
      time: p.timestamp,
      wallTime: p.wallTime,
      requestHeaders: p.request.headers,
      status: 0,
      statusText: '',
    };
    mine.push(hop);
    hops.push(hop);
  });
  // ExtraInfo events carry what went on the wire (Cookie included) and the raw response headers,
  // also for responses CORS then blocked; they come one per hop, in order, maybe before the hop.
  session.on('Network.requestWillBeSentExtraInfo', (p) => list(reqExtra, p.requestId).push(p.headers));
  session.on('Network.responseReceivedExtraInfo', (p) => list(resExtra, p.requestId).push(p));
  session.on('Network.responseReceived', (p) => {
    const last = byId.get(p.requestId)?.at(-1);
    if (last)
      Object.assign(last, { status: p.response.status, statusText: p.response.statusText, responseHeaders: last.responseHeaders ?? p.response.headers });
  });
  session.on('Network.loadingFailed', (p) => {
    const last = byId.get(p.requestId)?.at(-1);
    if (last) last.error = p.errorText;
  });
  return {
    hops,
    join() {
      for (const [id, mine] of byId) {
        mine.forEach((hop, i) => {
          const rq = reqExtra.get(id)?.[i];
          if (rq) hop.requestHeaders = { ...hop.requestHeaders, ...rq };
          const rs = resExtra.get(id)?.[i];
          if (rs) {
            hop.responseHeaders = rs.headers;
            if (hop.status === 0) hop.status = rs.statusCode;
          }
        });
      }
    },
  };
}

function entry(h: HopSeen) {
  const resourceType = h.initiator.type === 'preflight' ? 'preflight' : h.type.toLowerCase();
  const location = Object.entries(h.responseHeaders ?? {}).find(([n]) => n.toLowerCase() === 'location')?.[1] ?? '';
  return {
    startedDateTime: new Date(h.wallTime * 1000).toISOString(),
    time: 0,
    request: {
      method: h.method,
      url: h.url,
      httpVersion: 'HTTP/1.1',
      headers: lines(h.requestHeaders),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: h.status,
      statusText: h.statusText,
      httpVersion: 'HTTP/1.1',
      headers: lines(h.responseHeaders),
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: location,
      headersSize: -1,
      bodySize: -1,
      ...(h.error ? { _error: h.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    // The call stack is left out: it names the extension's page hook and the lab page's script.
    _initiator: {
      type: h.initiator.type,
      ...(h.initiator.url ? { url: h.initiator.url } : {}),
      ...(h.initiator.requestId ? { requestId: h.initiator.requestId } : {}),
    },
    _resourceType: resourceType,
  };
}

const rig = await startRig();
try {
  const session = await rig.browser.context.newCDPSession(rig.page);
  const seen = collect(session);
  await session.send('Network.enable');
  const runs: { id: string; ok: boolean; url: string }[] = [];
  for (const id of HAR_SCENARIOS) runs.push({ id, ...(await runScenario(rig, id)) });
  // A last, blocked run: once its finding is in, every earlier request has been judged.
  const sentinel = await runScenario(rig, 'acao-missing');
  await until(
    () => readFindings(rig),
    (r) => r.findings.some((f) => f.record.hops[0]!.url === sentinel.url),
    'the last finding',
  );
  const reply = await readFindings(rig);
  seen.join();
  const mine = new Set(runs.map((r) => r.url));
  const entries = seen.hops
    .filter((h) => h.url !== sentinel.url && (h.type !== 'Document' || h.url === rig.lab.pageUrl))
    .sort((a, b) => a.time - b.time)
    .map(entry);
  const findings = reply.findings.filter((f) => mine.has(f.record.hops[0]!.url));
  const version = rig.browser.context.browser()?.version() ?? '?';
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'scripts/record-har.ts (DevTools protocol)', version: '1' },
      browser: { name: 'Chromium', version },
      pages: [{ id: 'page_1', title: rig.lab.pageUrl, startedDateTime: new Date().toISOString(), pageTimings: {} }],
      entries,
    },
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/lab-chromium.har`, `${JSON.stringify(har, null, 1)}\n`);
  const note = "Recorded by scripts/record-har.ts with lab-chromium.har: the extension's findings (cors/findings) for the same requests. Do not edit by hand.";
  writeFileSync(`${OUT}/lab-chromium.findings.json`, `${JSON.stringify({ note, browser: `Chromium ${version}`, runs, findings }, null, 1)}\n`);
  console.log(`wrote ${entries.length} HAR entries and ${findings.length} extension findings (${runs.filter((r) => !r.ok).length} blocked runs) to ${OUT}`);
} finally {
  await rig.close();
}
