// Three loopback HTTP servers sharing one state: the page origin (lab UI), a same-site API and a
// cross-site API. Every API response is built from scenario data (lab/scenarios.ts), the
// endpoint's mode (broken | fixed) and any overrides, and logged as an Exchange.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isSecretHeader, REDACTED } from '../src/core/secrets';
import type { HeaderLine } from '../src/core/types';
import { ONE_API_PATH, oneApiAnswer, oneApiPage } from './one-api';
import { renderPage } from './page';
import { WORKER_SCRIPTS, WORKERS_PATH, workersPage } from './workers';
import { scenarioById, scenarios, type LabHop, type LabResponse, type Scenario, type Server } from './scenarios';

export type Mode = 'broken' | 'fixed';
export interface Override {
  stage: 'preflight' | 'response' | 'redirect';
  hop: number;
  headers?: string[];
  remove?: string[];
  status?: number;
}

/** One request a lab API received and the answer it sent, header lines exactly as sent. */
export interface Exchange {
  scenario: string;
  run: string;
  hop: number;
  /** The lab server that answered. */
  server: Server | 'page';
  method: string;
  /** Absolute URL as requested (origin of the answering server + path + query). */
  url: string;
  /** As received; Cookie and Authorization values are replaced by '[redacted]'. */
  requestHeaders: HeaderLine[];
  status: number;
  responseHeaders: HeaderLine[];
  time: number;
}

export interface Origins {
  page: string;
  'same-site': string;
  'cross-site': string;
}

export interface LabState {
  origins: Origins;
  modes: Map<string, Mode>;
  overrides: Map<string, Override[]>;
  log: Exchange[];
  /** Extra page sections (HTML), e.g. lab/cookies.ts's "Cookies". */
  sections?: string[];
}

export const COOKIE_PREFIX = '/c';
export const COOKIE = 'lab_session=1';

/** The path of hop `hop` of a scenario (the cookie's Path covers it when `scenario.cookie`). */
export function hopPath(s: Scenario, hop: number): string {
  return `${s.cookie ? COOKIE_PREFIX : ''}/s/${s.id}/${hop}`;
}

export function hopUrl(origins: Origins, s: Scenario, hops: readonly LabHop[], hop: number, run: string, userinfo = false): string {
  const h = hops[hop];
  const origin = origins[h?.server ?? s.target];
  const base = userinfo ? origin.replace('://', '://user:pass@') : origin;
  return `${base}${hopPath(s, hop)}?run=${encodeURIComponent(run)}`;
}

const splitLine = (line: string): HeaderLine => {
  const i = line.indexOf(':');
  return i < 0 ? { name: line.trim(), value: '' } : { name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() };
};
/** A raw line keeps its value as written (one separating space dropped): whitespace, control bytes. */
const splitRaw = (line: string): HeaderLine => {
  const i = line.indexOf(':');
  return { name: line.slice(0, i).trim(), value: line.slice(i + 1).replace(/^ /, '') };
};

/** Apply one override to a response: set (drop same-named, then add), remove, status. */
export function applyOverride(r: { status: number; headers: HeaderLine[] }, o: Override): { status: number; headers: HeaderLine[] } {
  const set = (o.headers ?? []).map(splitLine);
  const drop = new Set([...set.map((h) => h.name.toLowerCase()), ...(o.remove ?? []).map((n) => n.toLowerCase())]);
  return { status: o.status ?? r.status, headers: [...r.headers.filter((h) => !drop.has(h.name.toLowerCase())), ...set] };
}

export interface AnswerInput {
  state: LabState;
  scenario: Scenario;
  hop: number;
  preflight: boolean;
  run: string;
  /** The request's Origin header, if any. */
  origin: string | undefined;
}

/** The status and header lines the lab sends for one request (before transport headers). */
export function answer({ state, scenario, hop, preflight, run, origin }: AnswerInput): { status: number; headers: HeaderLine[]; raw?: true } {
  const mode = state.modes.get(scenario.id) ?? 'broken';
  const hops = mode === 'fixed' ? scenario.fixed : scenario.hops;
  const spec: LabResponse | undefined = preflight ? (hops[hop]?.preflight ?? { status: 404, headers: [] }) : hops[hop]?.response;
  let out = { status: spec?.status ?? 404, headers: [] as HeaderLine[] };
  const page = state.origins.page;
  for (const line of spec?.headers ?? []) {
    // The allow-list: echo the Origin only when it is the page origin; otherwise send no such line.
    if (line.includes('{origin}') && origin !== page) continue;
    const value = line
      .replaceAll('{origin}', page)
      .replaceAll('{page-host}', page.replace(/^[a-z]+:\/\//, ''))
      .replaceAll('{page}', page)
      .replaceAll('{PAGE}', page.toUpperCase())
      .replaceAll('{next-userinfo}', hopUrl(state.origins, scenario, hops, hop + 1, run, true))
      .replaceAll('{next}', hopUrl(state.origins, scenario, hops, hop + 1, run));
    out.headers.push(spec?.raw ? splitRaw(value) : splitLine(value));
  }
  for (const o of state.overrides.get(scenario.id) ?? []) {
    if (o.hop !== hop || (o.stage === 'preflight') !== preflight) continue;
    out = applyOverride(out, o);
  }
  return spec?.raw ? { ...out, raw: true } : out;
}

const redact = (name: string, value: string): string => (isSecretHeader(name) ? REDACTED : value);

/** The request as both transports see it: Node's parser, or our own for methods it rejects. */
interface RawRequest {
  method: string;
  /** Path and query. */
  target: string;
  /** [name, value, name, value…] as received. */
  rawHeaders: string[];
}

/** Header lines for a response: transport headers added around the scenario's own lines. */
function withTransport(headers: HeaderLine[], body: string): HeaderLine[] {
  const lines: HeaderLine[] = [{ name: 'Cache-Control', value: 'no-store' }, ...headers];
  if (body && !headers.some((h) => h.name.toLowerCase() === 'content-type')) lines.push({ name: 'Content-Type', value: 'application/json' });
  lines.push({ name: 'Content-Length', value: String(Buffer.byteLength(body)) });
  return lines;
}

function send(res: ServerResponse, status: number, headers: HeaderLine[], body: string): void {
  res.sendDate = false;
  // A flat [name, value, name, value…] array keeps repeated names as separate lines, as written.
  res.writeHead(
    status,
    withTransport(headers, body).flatMap((h) => [h.name, h.value]),
  );
  res.end(body);
}

/**
 * A raw response, written on the socket byte for byte (each char of a value is one byte, latin-1):
 * Node's writeHead refuses control characters, and the edge scenarios need them, untrimmed
 * whitespace and non-UTF-8 bytes. Node reads response header bytes back as latin-1 too, so the
 * Exchange log holds the same one-char-per-byte strings.
 */
function sendRaw(res: ServerResponse, status: number, headers: HeaderLine[], body: string): void {
  const lines = withTransport(headers, body)
    .map((h) => `${h.name}: ${h.value}\r\n`)
    .join('');
  res.socket?.end(Buffer.from(`HTTP/1.1 ${status} Lab\r\n${lines}Connection: close\r\n\r\n${body}`, 'latin1'));
}

/** Answer one API request and log it; undefined when the path is not a lab endpoint. */
function apiExchange(state: LabState, server: Server | 'page', req: RawRequest): { status: number; lines: HeaderLine[]; body: string; raw?: true } | undefined {
  const url = new URL(req.target, 'http://lab.invalid');
  const m = /^(?:\/c)?\/s\/([a-z0-9-]+)\/(\d+)\/?$/.exec(url.pathname);
  const scenario = m ? scenarioById(m[1]!) : undefined;
  if (!m || !scenario) return undefined;
  const hop = Number(m[2]);
  const preflight = req.method === 'OPTIONS';
  const run = url.searchParams.get('run') ?? '';
  const requestHeaders: HeaderLine[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    requestHeaders.push({ name: req.rawHeaders[i]!, value: redact(req.rawHeaders[i]!, req.rawHeaders[i + 1]!) });
  const origin = requestHeaders.find((h) => h.name.toLowerCase() === 'origin')?.value;
  const { status, headers, raw } = answer({ state, scenario, hop, preflight, run, origin });
  const body = preflight || (status >= 300 && status < 400) ? '' : JSON.stringify({ scenario: scenario.id, hop, status });
  const lines = withTransport(headers, body);
  state.log.push({
    scenario: scenario.id,
    run,
    hop,
    server,
    method: req.method,
    url: `${state.origins[server]}${url.pathname}${url.search}`,
    requestHeaders,
    status,
    responseHeaders: lines,
    time: Date.now(),
  });
  return { status, lines: headers, body, ...(raw ? { raw } : {}) };
}

/**
 * Node's HTTP parser rejects methods it does not know in that spelling, e.g. `patch`, which
 * fetch() sends as written (Fetch normalises only DELETE GET HEAD OPTIONS POST PUT). Parse the
 * request head ourselves and answer like any other lab endpoint.
 */
function answerUnparsed(state: LabState, server: Server | 'page', raw: Buffer | undefined, socket: Socket): void {
  const head = raw?.toString('latin1').split('\r\n\r\n')[0] ?? '';
  const [requestLine = '', ...headerLines] = head.split('\r\n');
  const [method = '', target = '/'] = requestLine.split(' ');
  const rawHeaders = headerLines.flatMap((l) => {
    const i = l.indexOf(':');
    return i < 0 ? [] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  });
  const out = /^[A-Za-z]+$/.test(method) ? apiExchange(state, server, { method, target, rawHeaders }) : undefined;
  if (!out) {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  const lines = withTransport(out.lines, out.body)
    .map((h) => `${h.name}: ${h.value}\r\n`)
    .join('');
  socket.end(Buffer.from(`HTTP/1.1 ${out.status} Lab\r\n${lines}Connection: close\r\n\r\n${out.body}`, 'latin1'));
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) throw new Error('body too large');
  }
  return body;
}

/**
 * A page whose service worker makes its requests (a PWA's API calls): `swLab.fetch(url)` asks the
 * worker to fetch `url` with credentials: 'include' and answers what it saw. Chromium gives the
 * worker's requests no tab (webRequest tabId -1); the extension lists them on this page's tab.
 */
const WORKER_PAGE = `<!doctype html><meta charset="utf-8"><title>Lab: a service worker's requests</title>
<h1>A service worker's credentialed fetch</h1><p id="state">registering…</p>
<script>
const ready = navigator.serviceWorker.register('/lab-sw.js').then(() => navigator.serviceWorker.ready).then((reg) => {
  document.getElementById('state').textContent = 'ready';
  return reg;
});
window.swLab = {
  ready: () => ready.then(() => true),
  fetch: (url) => ready.then((reg) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    reg.active.postMessage({ url }, [channel.port2]);
  })),
};
</script>`;

const SERVICE_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => {
  const port = e.ports[0];
  e.waitUntil(fetch(e.data.url, { credentials: 'include' }).then((r) => ({ ok: true, status: r.status }), (err) => ({ ok: false, error: String(err) })).then((r) => port.postMessage(r)));
});`;

async function handlePage(state: LabState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.pathname === '/' && req.method === 'GET') {
    const html = renderPage({ origins: state.origins, scenarios, modes: state.modes, sections: state.sections });
    // The lab cookie: SameSite=Lax and scoped to the cookie-only prefix, so only scenarios whose
    // URL is under it (and which go to a same-site origin) carry it.
    send(
      res,
      200,
      [
        { name: 'Content-Type', value: 'text/html; charset=utf-8' },
        { name: 'Set-Cookie', value: `${COOKIE}; Path=${COOKIE_PREFIX}; SameSite=Lax` },
      ],
      html,
    );
    return;
  }
  if (url.pathname === '/lab/mode' && req.method === 'POST') {
    try {
      const { id, mode } = JSON.parse(await readBody(req)) as { id?: unknown; mode?: unknown };
      if (typeof id === 'string' && scenarioById(id) && (mode === 'broken' || mode === 'fixed')) {
        state.modes.set(id, mode);
        send(res, 204, [], '');
        return;
      }
    } catch {
      // fall through to 400: the page only ever sends well-formed JSON
    }
    send(res, 400, [], '');
    return;
  }
  if (url.pathname.startsWith(WORKERS_PATH) && req.method === 'GET') {
    const script = WORKER_SCRIPTS[url.pathname.slice(WORKERS_PATH.length)];
    if (url.pathname === WORKERS_PATH) send(res, 200, [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }], workersPage());
    else if (script !== undefined) send(res, 200, [{ name: 'Content-Type', value: 'text/javascript' }], script);
    else send(res, 404, [], '');
    return;
  }
  if (url.pathname === ONE_API_PATH && req.method === 'GET') {
    send(res, 200, [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }], oneApiPage(state.origins['cross-site']));
    return;
  }
  if (url.pathname === '/workers' && req.method === 'GET') {
    send(res, 200, [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }], WORKER_PAGE);
    return;
  }
  if (url.pathname === '/lab-sw.js' && req.method === 'GET') {
    send(res, 200, [{ name: 'Content-Type', value: 'text/javascript' }], SERVICE_WORKER);
    return;
  }
  if (url.pathname === '/lab/modes' && req.method === 'GET') {
    send(res, 200, [], JSON.stringify(Object.fromEntries(state.modes)));
    return;
  }
  send(res, url.pathname === '/favicon.ico' ? 204 : 404, [], '');
}

function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export interface LabServers {
  origins: Origins;
  close(): Promise<void>;
}

/** Start the three servers; `state.origins` is filled in once the ports are known. */
export async function startServers(state: LabState, ports: [number, number, number], host: string): Promise<LabServers> {
  const roles = ['page', 'same-site', 'cross-site'] as const;
  const servers = roles.map((role) =>
    createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://lab.invalid');
      const api = apiExchange(state, role, { method: req.method ?? 'GET', target: req.url ?? '/', rawHeaders: req.rawHeaders });
      if (api) {
        (api.raw ? sendRaw : send)(res, api.status, api.lines, api.body);
        return;
      }
      if (role === 'page') {
        handlePage(state, req, res, url).catch(() => res.destroy());
        return;
      }
      const one = role === 'cross-site' ? oneApiAnswer(req.method ?? 'GET', url.pathname, req.headers.origin, state.origins.page) : undefined;
      if (one) {
        const lines = Object.entries(one.headers).map(([name, value]) => ({ name, value }));
        send(res, one.status, lines, one.status === 200 ? '{}' : '');
        return;
      }
      send(res, url.pathname === '/favicon.ico' ? 204 : 404, [], '');
    }).on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
      if (err.code === 'HPE_INVALID_METHOD' && socket.writable) answerUnparsed(state, role, err.rawPacket, socket);
      else socket.destroy();
    }),
  );
  const bound: number[] = [];
  try {
    for (const [i, server] of servers.entries()) bound.push(await listen(server, ports[i]!, host));
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw err;
  }
  // Chromium resolves `localhost` to loopback itself; 127.0.0.1 is a different site from it.
  state.origins.page = `http://localhost:${bound[0]}`;
  state.origins['same-site'] = `http://localhost:${bound[1]}`;
  state.origins['cross-site'] = `http://127.0.0.1:${bound[2]}`;
  return {
    origins: state.origins,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
