// The lab page: one row per scenario (run button, broken/fixed toggle, the server's answer), a
// "Run all" button, and `window.lab.run(id)` for tests. Generated from the scenario data; every
// value is escaped (HTML text, or JSON made safe inside <script>).
import type { LabResponse, Scenario } from './scenarios';
import type { Mode, Origins } from './server';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that cannot close the <script> element or break a JS string literal. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function group(kind: string, edge = false): string {
  if (edge) return 'Edge cases (hostile bytes, whitespace, list syntax)';
  if (kind === 'control') return 'Controls (Chromium allows these)';
  if (kind.startsWith('redirect-')) return 'Redirects';
  if (kind.startsWith('preflight-') || kind.startsWith('acam-') || kind.startsWith('acah-')) return 'Preflight (OPTIONS)';
  return 'Actual response';
}

/** Header lines as the reader should see them: the page's real origin, {origin} kept as the echo. */
function display(line: string, page: string): string {
  return line
    .replaceAll('{page-host}', page.replace(/^[a-z]+:\/\//, ''))
    .replaceAll('{page}', page)
    .replaceAll('{PAGE}', page.toUpperCase())
    .replaceAll('{next-userinfo}', '<next hop URL with user:pass@>')
    .replaceAll('{next}', '<next hop URL>');
}

/** Raw lines are shown as JSON strings, so padding, control bytes and non-ASCII bytes are visible. */
const shown = (h: string, raw: boolean | undefined, page: string): string =>
  raw ? JSON.stringify(display(h, page)).replace(/[\u0080-\u00ff]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`) : display(h, page);
const lines = (r: LabResponse | undefined, label: string, page: string): string =>
  r
    ? `${label}: ${r.status}\n${r.headers.map((h) => `  ${shown(h.length > 200 ? `${h.slice(0, 200)}… (${h.length} chars)` : h, r.raw, page)}`).join('\n') || '  (no headers)'}`
    : '';

function answerText(hops: Scenario['hops'], page: string): string {
  return hops
    .map((h, i) =>
      [lines(h.preflight, `hop ${i} (${h.server}) OPTIONS`, page), lines(h.response, `hop ${i} (${h.server}) response`, page)].filter(Boolean).join('\n'),
    )
    .join('\n');
}

function row(s: Scenario, mode: Mode, page: string): string {
  const hdrs = Object.keys(s.headers);
  const badges = [
    s.client === 'xhr' ? (s.xhrAuth ? 'XHR open(…, user, password)' : 'XHR') : 'fetch',
    s.method,
    `credentials: ${s.credentials}`,
    s.target,
    ...(s.cookie ? ['cookie'] : []),
    ...hdrs,
  ];
  return `<tr data-id="${esc(s.id)}" class="${s.kind === 'control' ? 'control' : 'broken'}">
  <td><button data-testid="run-${esc(s.id)}" data-run="${esc(s.id)}">Run</button></td>
  <td><div class="title">${esc(s.title)}</div><div class="meta"><code>${esc(s.id)}</code> ${badges.map((b) => `<span class="badge">${esc(b)}</span>`).join(' ')}</div>
    <details><summary>Server answer</summary><div class="answers"><div><b>broken</b><pre>${esc(answerText(s.hops, page))}</pre></div><div><b>fixed</b><pre>${esc(answerText(s.fixed, page))}</pre></div></div></details></td>
  <td><label class="toggle"><input type="checkbox" data-testid="mode-${esc(s.id)}" data-mode="${esc(s.id)}"${mode === 'fixed' ? ' checked' : ''}> fixed</label></td>
  <td class="status" data-testid="status-${esc(s.id)}">–</td>
</tr>`;
}

export function renderPage(opts: { origins: Origins; scenarios: readonly Scenario[]; modes: ReadonlyMap<string, Mode>; sections?: readonly string[] }): string {
  const groups = new Map<string, Scenario[]>();
  for (const s of opts.scenarios) groups.set(group(s.kind, s.edge), [...(groups.get(group(s.kind, s.edge)) ?? []), s]);
  const data = {
    origins: opts.origins,
    scenarios: opts.scenarios.map(({ id, client, credentials, method, headers, target, cookie, xhrAuth }) => ({
      id,
      client,
      credentials,
      method,
      headers,
      target,
      cookie,
      xhrAuth: xhrAuth === true,
    })),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CORS Credentials Lab</title>
<style>
  :root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de; }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px 48px; }
  h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 16px; margin: 28px 0 6px; }
  .intro { color: var(--muted); margin: 0 0 12px; } code { font: 12px ui-monospace, monospace; }
  .bar { display: flex; gap: 12px; align-items: center; position: sticky; top: 0; padding: 8px 0; background: Canvas; border-bottom: 1px solid var(--line); z-index: 1; }
  button { font: inherit; padding: 3px 12px; border-radius: 6px; border: 1px solid var(--line); background: ButtonFace; cursor: pointer; }
  button.primary { background: #0969da; color: #fff; border-color: #0969da; }
  table { width: 100%; border-collapse: collapse; } td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
  .title { font-weight: 500; } .meta { margin-top: 2px; }
  .badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px; border: 1px solid var(--line); color: var(--muted); }
  .status { white-space: nowrap; width: 150px; } .status.ok { color: var(--ok); } .status.blocked { color: var(--bad); font-weight: 600; }
  details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
  .answers { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; } pre { margin: 4px 0; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
  .toggle { white-space: nowrap; font-size: 12px; }
</style></head>
<body>
<h1>CORS Credentials Lab</h1>
<p class="intro">Page <code>${esc(opts.origins.page)}</code> calls a same-site API <code>${esc(opts.origins['same-site'])}</code> and a cross-site API <code>${esc(opts.origins['cross-site'])}</code>.
Each row is a real-world server misconfiguration; run it, open the CORS Inspector panel, apply its fix with the toggle, run again.
In the server answers, <code>{origin}</code> is the request's Origin echoed only when it is on the API's allow-list (the page origin).</p>
<div class="bar"><button class="primary" data-testid="run-all" id="run-all">Run all</button><span id="summary" data-testid="summary"></span></div>
${[...groups].map(([name, list]) => `<h2>${esc(name)}</h2>\n<table>${list.map((s) => row(s, opts.modes.get(s.id) ?? 'broken', opts.origins.page)).join('\n')}</table>`).join('\n')}
<script>
(() => {
  const DATA = ${scriptJson(data)};
  const byId = new Map(DATA.scenarios.map((s) => [s.id, s]));
  const tag = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  let counter = 0;
  const urlFor = (s) => DATA.origins[s.target] + (s.cookie ? '/c' : '') + '/s/' + s.id + '/0?run=' + tag + '-' + (++counter);
  const bodyFor = (s) => (['PUT', 'PATCH', 'POST'].includes(s.method.toUpperCase()) ? JSON.stringify({ lab: s.id }) : undefined);
  const cell = (id) => document.querySelector('[data-testid="status-' + CSS.escape(id) + '"]');
  function show(id, r) {
    const c = cell(id);
    if (!c) return;
    c.className = 'status ' + (r ? (r.ok ? 'ok' : 'blocked') : '');
    c.textContent = !r ? 'running…' : r.ok ? 'allowed · ' + r.status : 'blocked by CORS';
  }
  function viaFetch(s, url) {
    return fetch(url, { method: s.method, headers: s.headers, credentials: s.credentials, body: bodyFor(s) })
      .then(async (r) => { await r.text(); return { ok: true, status: r.status, url }; })
      .catch((e) => ({ ok: false, error: String((e && e.message) || e), url }));
  }
  function viaXhr(s, url) {
    return new Promise((resolve) => {
      const x = new XMLHttpRequest();
      if (s.xhrAuth) x.open(s.method, url, true, 'user', 'pass');
      else x.open(s.method, url);
      x.withCredentials = s.credentials === 'include';
      for (const [k, v] of Object.entries(s.headers)) x.setRequestHeader(k, v);
      x.onload = () => resolve({ ok: true, status: x.status, url });
      x.onerror = () => resolve({ ok: false, error: 'XMLHttpRequest network error', url });
      x.send(bodyFor(s) ?? null);
    });
  }
  async function run(id) {
    const s = byId.get(id);
    if (!s) throw new Error('unknown scenario ' + id);
    show(id, null);
    const url = urlFor(s);
    const r = await (s.client === 'xhr' ? viaXhr(s, url) : viaFetch(s, url));
    show(id, r);
    return r;
  }
  async function runAll() {
    const out = [];
    document.body.dataset.state = 'running';
    for (const s of DATA.scenarios) out.push({ id: s.id, ...(await run(s.id)) });
    const blocked = out.filter((r) => !r.ok).length;
    document.getElementById('summary').textContent = out.length + ' run · ' + blocked + ' blocked · ' + (out.length - blocked) + ' allowed';
    document.body.dataset.state = 'done';
    return out;
  }
  async function setMode(id, mode) {
    await fetch('/lab/mode', { method: 'POST', body: JSON.stringify({ id, mode }) });
  }
  document.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('[data-run]');
    if (b) run(b.dataset.run);
  });
  document.addEventListener('change', (e) => {
    const id = e.target.dataset && e.target.dataset.mode;
    if (id) setMode(id, e.target.checked ? 'fixed' : 'broken');
  });
  document.getElementById('run-all').addEventListener('click', () => runAll());
  // '#record=<ids|all>': run each scenario broken, then fixed, between console marker lines, for a
  // browser that can only be watched through its console output (WebKitGTK's MiniBrowser,
  // lab/webkit-oracle.ts). The pause lets a block's console lines land before the end marker.
  async function record(ids) {
    for (const id of ids) {
      for (const mode of ['broken', 'fixed']) {
        await setMode(id, mode);
        console.log('lab-begin ' + JSON.stringify({ id, mode }));
        const r = await run(id);
        await new Promise((res) => setTimeout(res, 30));
        console.log('lab-end ' + JSON.stringify({ id, mode, ...r }));
      }
    }
    console.log('lab-finished');
  }
  window.lab = { run, runAll, setMode, record, scenarios: DATA.scenarios.map((s) => s.id) };
  const auto = /^#record=(.+)$/.exec(location.hash);
  if (auto) record(auto[1] === 'all' ? window.lab.scenarios : decodeURIComponent(auto[1]).split(',').filter((id) => byId.has(id)));
  // '#start=<ids>[,cookies]': the page's own requests as it loads (a page opened as the browser or
  // the extension starts): every scenario at once, and the cookie login flows ('cookies', whose
  // section's script comes later in the page), results in window.labStarted.
  const start = /^#start=(.+)$/.exec(location.hash);
  if (start) {
    const ids = decodeURIComponent(start[1]).split(',');
    const runs = Promise.all(ids.filter((id) => byId.has(id)).map(async (id) => ({ id, ...(await run(id)) })));
    const parsed = new Promise((r) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', r, { once: true }) : r()));
    const cookies = ids.includes('cookies') ? parsed.then(() => window.cookieLab.runAll()) : Promise.resolve([]);
    window.labStarted = Promise.all([runs, cookies]).then(([scenarios, cookieRuns]) => ({ scenarios, cookies: cookieRuns }));
  }
})();
</script>
${(opts.sections ?? []).join('\n')}
</body></html>`;
}
