// The lab's worker page: the same lab endpoints called from the page's own workers. A service
// worker's and a shared worker's requests reach webRequest with tabId -1 (probed in Chromium 156:
// no tab, no frame, no documentId, the page's origin as initiator); a dedicated worker's carry the
// page's tab and documentId. Neither runs the page hook. Served by the page server at /workers/.

/** The scope the page and its service worker share (a service worker controls its own path). */
export const WORKERS_PATH = '/workers/';

/** What one worker does: on a message { url }, fetch it with the page's cookies, answer ok/blocked. */
const CALL = `async (url) => { try { const r = await fetch(url, { credentials: 'include' }); await r.text(); return { ok: true, status: r.status }; } catch (e) { return { ok: false, error: String(e && e.message || e) }; } }`;

export const WORKER_SCRIPTS: Record<string, string> = {
  'sw.js': `const call = ${CALL};
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => { call(e.data.url).then((r) => e.source.postMessage({ id: e.data.id, ...r })); });`,
  'shared.js': `const call = ${CALL};
onconnect = (e) => { const port = e.ports[0]; port.onmessage = (m) => call(m.data.url).then((r) => port.postMessage({ id: m.data.id, ...r })); };`,
  'dedicated.js': `const call = ${CALL};
onmessage = (m) => call(m.data.url).then((r) => postMessage({ id: m.data.id, ...r }));`,
};

/**
 * The page: `window.workersLab.run(kind, url)` asks one of its workers ('service', 'shared',
 * 'dedicated') to fetch `url` with credentials 'include' and resolves with what the worker saw.
 */
export function workersPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CORS Lab: workers</title></head>
<body><h1>Requests from this page's workers</h1>
<p>A service worker, a shared worker and a dedicated worker each call the lab's APIs with <code>credentials: 'include'</code>.</p>
<script>
(() => {
  let n = 0;
  const waiting = new Map();
  const settle = (m) => { const w = waiting.get(m.id); if (w) { waiting.delete(m.id); w(m); } };
  const dedicated = new Worker('dedicated.js');
  dedicated.onmessage = (e) => settle(e.data);
  const shared = new SharedWorker('shared.js');
  shared.port.onmessage = (e) => settle(e.data);
  shared.port.start();
  navigator.serviceWorker.onmessage = (e) => settle(e.data);
  const service = navigator.serviceWorker.register('sw.js').then(() => navigator.serviceWorker.ready).then((reg) => reg.active);
  async function run(kind, url) {
    const id = ++n;
    const done = new Promise((res) => waiting.set(id, res));
    if (kind === 'service') (await service).postMessage({ id, url });
    else if (kind === 'shared') shared.port.postMessage({ id, url });
    else dedicated.postMessage({ id, url });
    return done;
  }
  window.workersLab = { run, ready: service.then(() => true) };
})();
</script></body></html>`;
}
