// The lab's "Cookies" section: a cross-site login flow. The page (http://localhost:P) logs in to
// a cookie API on another site (http://127.0.0.2:Q, or 127.0.0.1 where 127.0.0.2 cannot be bound)
// with fetch(…, { credentials: 'include' }); the login response sets one cookie per case, then
// the page calls /me, which answers with the NAMES of the cookies it received (never values).
// Its own host keeps its cookies apart from the CORS scenarios' cross-site API (cookies ignore
// ports, not hosts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CookieCase {
  id: string;
  title: string;
  /** The Set-Cookie the login answers with ('' for none). */
  setCookie: string;
  /** The cookie's name (what the extension must name). */
  name: string;
  /** Login path under /ck/<id>/ (the default Path comes from it). */
  login: string;
  /** The case's /me, answered 401 with this challenge when set. */
  challenge?: string;
  /** The cookie comes from a first-party visit to the API (/ck/first-party/visit), not the login. */
  firstParty?: boolean;
}

const c = (id: string, title: string, name: string, attrs: string, extra: Partial<CookieCase> = {}): CookieCase => ({
  id,
  title,
  name,
  setCookie: attrs === '' ? '' : `${name}=lab-value; ${attrs}`.replace(/; $/, ''),
  login: 'login',
  ...extra,
});

export const cookieCases: readonly CookieCase[] = [
  c('samesite-unspecified', 'Session cookie with no SameSite (treated as Lax)', 'ck_unspecified', 'Path=/ck/samesite-unspecified; HttpOnly'),
  c('samesite-lax', 'SameSite=Lax session cookie', 'ck_lax', 'Path=/ck/samesite-lax; HttpOnly; SameSite=Lax'),
  c('samesite-strict', 'SameSite=Strict session cookie', 'ck_strict', 'Path=/ck/samesite-strict; HttpOnly; SameSite=Strict'),
  c('none-insecure', 'SameSite=None without Secure', 'ck_none_insecure', 'Path=/ck/none-insecure; HttpOnly; SameSite=None'),
  c(
    'none-secure',
    'Control: Secure; HttpOnly; SameSite=None (works where third-party cookies are allowed)',
    'ck_session',
    'Path=/ck/none-secure; Secure; HttpOnly; SameSite=None',
  ),
  c(
    'partitioned',
    'Control: Partitioned (CHIPS) cookie (works even where third-party cookies are blocked)',
    'ck_chips',
    'Path=/ck/partitioned; Secure; HttpOnly; SameSite=None; Partitioned',
  ),
  c('domain', "Domain attribute that is not the API's", 'ck_domain', 'Domain=example.com; Path=/ck/domain; Secure; HttpOnly; SameSite=None'),
  c('host-prefix', '__Host- cookie with a Path other than /', '__Host-ck', 'Path=/ck/host-prefix; Secure; HttpOnly; SameSite=None'),
  c('secure-prefix', '__Secure- cookie without Secure', '__Secure-ck', 'Path=/ck/secure-prefix; HttpOnly; SameSite=None'),
  c('max-age-0', 'Max-Age=0 on the login (the cookie is deleted)', 'ck_max_age', 'Path=/ck/max-age-0; Secure; HttpOnly; SameSite=None; Max-Age=0'),
  c(
    'first-party',
    'A Lax cookie the API set on a first-party visit, then called from the page',
    'ck_first_party',
    'Path=/ck/first-party; HttpOnly; SameSite=Lax',
    { firstParty: true },
  ),
  c('bearer', 'The API answers /me 401 with WWW-Authenticate: Bearer', 'Bearer', '', { challenge: 'Bearer realm="lab"' }),
  // Last: its cookie's default path (/ck/default-path/auth) misses /me.
  c('default-path', 'No Path attribute: the login at /auth/login scopes the cookie to /auth', 'ck_default_path', 'Secure; HttpOnly; SameSite=None', {
    login: 'auth/login',
  }),
];

export const cookieCaseById = (id: string): CookieCase | undefined => cookieCases.find((x) => x.id === id);

export interface CookieApi {
  origin: string;
  close(): Promise<void>;
}

/** The page origins the API answers with CORS headers (exact origins, never '*'). */
function allowed(pageOrigin: string): Set<string> {
  return new Set([pageOrigin, pageOrigin.replace('//localhost:', '//127.0.0.1:')]);
}

function answer(req: IncomingMessage, res: ServerResponse, pageOrigins: Set<string>): void {
  const url = new URL(req.url ?? '/', 'http://lab.invalid');
  const m = /^\/ck\/([a-z0-9-]+)\/(.+)$/.exec(url.pathname);
  const k = m ? cookieCaseById(m[1]!) : undefined;
  const origin = req.headers.origin;
  const cors: Record<string, string> =
    origin && pageOrigins.has(origin) ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {};
  const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-store', ...cors };
  if (!k || !m) {
    res.writeHead(404, headers).end();
    return;
  }
  const rest = m[2]!;
  if (k.firstParty && rest === 'visit') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': k.setCookie });
    res.end('<!doctype html><title>Cookie API</title><p>The cookie API set its first-party cookie. Go back to the lab.</p>');
    return;
  }
  if (rest === k.login && !k.firstParty) {
    if (k.setCookie) headers['Set-Cookie'] = k.setCookie;
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify({ case: k.id, login: true }));
    return;
  }
  if (rest === 'me') {
    if (k.challenge) {
      res.writeHead(401, { ...headers, 'WWW-Authenticate': k.challenge, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'login required' }));
      return;
    }
    // Names only: the lab never echoes a cookie value.
    const names = (req.headers.cookie ?? '')
      .split(';')
      .map((p) => p.split('=')[0]!.trim())
      .filter(Boolean);
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify({ case: k.id, cookies: names }));
    return;
  }
  res.writeHead(404, headers).end();
}

/** Starts the cookie API on 127.0.0.2 (its own site), falling back to 127.0.0.1. */
export async function startCookieApi(pageOrigin: string, port = 0): Promise<CookieApi> {
  const pageOrigins = allowed(pageOrigin);
  for (const host of ['127.0.0.2', '127.0.0.1']) {
    const server = createServer((req, res) => answer(req, res, pageOrigins));
    const bound = await new Promise<number | undefined>((resolve) => {
      server.once('error', () => resolve(undefined));
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
    if (bound === undefined) continue;
    return {
      origin: `http://${host}:${bound}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
  throw new Error('The cookie API could not bind 127.0.0.2 or 127.0.0.1');
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The lab page's "Cookies" section: one row per case, "Run cookie flows", and window.cookieLab. */
export function cookieSection(apiOrigin: string): string {
  const rows = cookieCases
    .map(
      (k) => `<tr data-cookie-case="${esc(k.id)}">
  <td><button data-testid="cookie-run-${esc(k.id)}" data-cookie-run="${esc(k.id)}">Run</button></td>
  <td><div class="title">${esc(k.title)}</div><div class="meta"><code>${esc(k.setCookie ? `Set-Cookie: ${k.setCookie.replace(/=lab-value/, '=…')}` : `WWW-Authenticate: ${k.challenge ?? ''}`)}</code>${k.firstParty ? ` <a href="${esc(apiOrigin)}/ck/${esc(k.id)}/visit" target="_blank" rel="noopener">visit the API first</a>` : ''}</div></td>
  <td class="status" data-testid="cookie-status-${esc(k.id)}">–</td>
</tr>`,
    )
    .join('\n');
  const data = JSON.stringify({
    api: apiOrigin,
    cases: cookieCases.map(({ id, login, firstParty, name }) => ({ id, login, firstParty: !!firstParty, name })),
  }).replace(/</g, '\\u003c');
  return `<h2 id="cookies">Cookies (a cross-site login flow)</h2>
<p class="intro">The page logs in to <code>${esc(apiOrigin)}</code> (another site) with <code>credentials: 'include'</code>; the login sets one cookie, then <code>/me</code> answers with the names of the cookies it received. Every request passes CORS: what fails is the cookie. The CORS Inspector lists each fate under <b>Cookies</b>.</p>
<div class="bar"><button class="primary" data-testid="cookie-run-all" id="cookie-run-all">Run cookie flows</button><span id="cookie-summary" data-testid="cookie-summary"></span></div>
<table>${rows}</table>
<script>
(() => {
  const DATA = ${data};
  const tag = Date.now().toString(36);
  const cell = (id) => document.querySelector('[data-testid="cookie-status-' + CSS.escape(id) + '"]');
  /** Only /me: which cookies the API gets from this page (after a login made elsewhere, say). */
  function callMe(id) {
    return fetch(DATA.api + '/ck/' + id + '/me?run=' + tag, { credentials: 'include' }).then(async (r) => ({ status: r.status, body: await r.json() }), (e) => ({ status: 0, body: { error: String(e) } }));
  }
  async function run(id) {
    const k = DATA.cases.find((x) => x.id === id);
    if (!k) throw new Error('unknown cookie case ' + id);
    const base = DATA.api + '/ck/' + id + '/';
    const login = k.firstParty ? null : await fetch(base + k.login + '?run=' + tag, { method: 'POST', credentials: 'include' }).then((r) => r.status, (e) => String(e));
    const me = await callMe(id);
    const cookies = (me.body && me.body.cookies) || [];
    const sent = cookies.includes(k.name);
    const c = cell(id);
    if (c) { c.className = 'status ' + (sent ? 'ok' : 'blocked'); c.textContent = me.status === 200 ? (sent ? 'cookie sent' : 'cookie missing') : 'me: ' + me.status; }
    return { id, login, status: me.status, cookies, sent };
  }
  async function runAll() {
    const out = [];
    for (const k of DATA.cases) out.push(await run(k.id));
    document.getElementById('cookie-summary').textContent = out.filter((r) => r.sent).length + ' of ' + out.length + ' cookies came back';
    document.body.dataset.cookies = 'done';
    return out;
  }
  document.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('[data-cookie-run]');
    if (b) run(b.dataset.cookieRun);
  });
  document.getElementById('cookie-run-all').addEventListener('click', () => runAll());
  window.cookieLab = { run, runAll, me: callMe, api: DATA.api, cases: DATA.cases.map((k) => k.id) };
})();
</script>`;
}
