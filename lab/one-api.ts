// The lab's one-API page (/one-api/ on the page server): one cross-site API answering several
// credentialed requests, each failing its own way, so one merged server fix (src/core/fix/server.ts)
// has several requests to cover and "Try fix" on it has several before/after pairs to show.
// /one-api/later fails like /me but is meant to be called only after a trial starts: a URL the
// server fix was not built from, which the trial must leave untouched.

/** Where the page is served (page server) and where its API answers (cross-site server). */
export const ONE_API_PATH = '/one-api/';

/** One request of the page: how it is sent, and how the API answers it and its preflight. */
export interface OneApiRequest {
  id: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Lines on the actual response, besides Access-Control-Allow-Origin (always the page origin). */
  response: Record<string, string>;
  /** The preflight's status and lines (ACAO = the page origin unless `status` is not 2xx). */
  preflight?: { status: number; headers: Record<string, string> };
}

const ALLOWED = { 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };

export const oneApiRequests: readonly OneApiRequest[] = [
  // Access-Control-Allow-Credentials missing on a plain GET.
  { id: 'me', method: 'GET', path: 'me', headers: {}, response: { Vary: 'Origin' } },
  // PUT is not in Access-Control-Allow-Methods.
  {
    id: 'put',
    method: 'PUT',
    path: 'item',
    headers: { 'Content-Type': 'text/plain' },
    response: ALLOWED,
    preflight: { status: 204, headers: { ...ALLOWED, 'Access-Control-Allow-Methods': 'GET, POST' } },
  },
  // X-Csrf-Token is not in Access-Control-Allow-Headers.
  {
    id: 'post',
    method: 'POST',
    path: 'save',
    headers: { 'Content-Type': 'text/plain', 'X-Csrf-Token': 'lab-token' },
    response: ALLOWED,
    preflight: { status: 204, headers: { ...ALLOWED, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type' } },
  },
  // Authentication answers the preflight before CORS does: 401, no CORS lines.
  {
    id: 'account',
    method: 'GET',
    path: 'account',
    headers: { 'X-Requested-With': 'fetch' },
    response: ALLOWED,
    preflight: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="lab"' } },
  },
  // Fails like /me; not called before a trial (see the header comment).
  { id: 'later', method: 'GET', path: 'later', headers: {}, response: { Vary: 'Origin' } },
];

/**
 * The API's answer to a request for `path` under ONE_API_PATH, or undefined when it is not one of
 * ours. `pageOrigin` is the only origin it names; another Origin gets no CORS line at all.
 */
export function oneApiAnswer(
  method: string,
  path: string,
  origin: string | undefined,
  pageOrigin: string,
): { status: number; headers: Record<string, string> } | undefined {
  if (!path.startsWith(ONE_API_PATH)) return undefined;
  const r = oneApiRequests.find((x) => x.path === path.slice(ONE_API_PATH.length));
  if (!r) return undefined;
  const acao: Record<string, string> = origin === pageOrigin ? { 'Access-Control-Allow-Origin': pageOrigin } : {};
  const base = { 'Cache-Control': 'no-store' };
  if (method === 'OPTIONS' && r.preflight) {
    const ok = r.preflight.status >= 200 && r.preflight.status < 300;
    return { status: r.preflight.status, headers: { ...base, ...(ok ? acao : {}), ...r.preflight.headers } };
  }
  if (method !== r.method) return { status: 405, headers: base };
  return { status: 200, headers: { ...base, 'Content-Type': 'application/json', ...acao, ...r.response } };
}

/** The page: `window.oneApi.run(id)` sends one request with credentials 'include' and says whether the page could read it. */
export function oneApiPage(apiOrigin: string): string {
  const data = JSON.stringify({
    api: `${apiOrigin}${ONE_API_PATH}`,
    requests: oneApiRequests.map(({ id, method, path, headers }) => ({ id, method, path, headers })),
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CORS Lab: one API</title></head>
<body><h1>One API, several failing credentialed requests</h1>
<p>Each button calls the same cross-site API with <code>credentials: 'include'</code>; each fails its own way. <code>later</code> is for after a trial starts.</p>
<div id="buttons"></div><pre id="out"></pre>
<script>
(() => {
  const DATA = ${data.replace(/</g, '\\u003c')};
  let n = 0;
  async function run(id) {
    const r = DATA.requests.find((x) => x.id === id);
    const url = DATA.api + r.path + '?run=' + (++n) + '-' + Date.now();
    const init = { method: r.method, headers: r.headers, credentials: 'include', cache: 'no-store' };
    if (r.method !== 'GET') init.body = '{}';
    try {
      const res = await fetch(url, init);
      await res.text();
      return { ok: true, status: res.status, url };
    } catch (e) {
      return { ok: false, url };
    }
  }
  for (const r of DATA.requests) {
    const b = document.createElement('button');
    b.textContent = r.method + ' ' + r.path;
    b.onclick = () => run(r.id).then((x) => { document.getElementById('out').textContent = r.id + ': ' + (x.ok ? 'read' : 'blocked'); });
    document.getElementById('buttons').append(b, ' ');
  }
  window.oneApi = { run, ids: DATA.requests.map((r) => r.id) };
})();
</script></body></html>`;
}
