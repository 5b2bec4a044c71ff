// Real-server conformance harness: Chromium with the built extension runs a credentialed
// fetch/XHR from a page origin against a real server (another site), and we compare Chromium's
// verdict with the extension's finding, then prove the finding's cure on that server twice:
// its header lines (put onto the real responses by a small rewriting proxy) and its snippet
// (pasted into the server's own source/config, server restarted).
//
// API (small on purpose; test/servers/node/** and test/servers/debian/** use it):
//   const b = await startBrowser();         // Chromium + extension, a listed page origin (b.pageOrigin)
//                                           // and an unlisted one (b.otherOrigin), both http://localhost:*
//   const out = await b.call({ url, method, headers, body, via }, 'page' | 'other')
//                                           // -> { ok, status, url, sentences } (Chromium's own words)
//   const f = await b.finding(out.url)      // the extension's error finding for that call (cors/findings)
//   await b.close()
//   const port = await freePort()           // a port the OS chose (bound to 127.0.0.1, released)
//   const s = await startProcess({ command, args, cwd, env, port })  // waits for the port; s.stop() by PID
//   const p = await startFixProxy(upstreamOrigin, f)  // applies every step of f.fix to real responses
//   const src = paste(source, snippet, { begin, end, at?, placeholder? })  // the snippet, as written
//   const s2 = stackSnippet(f, 'express')   // fix.snippets[stack], failing loudly if missing
//   await proveCure(b, { stack, call, source, start, spot, code })  // all of the above for one case
//
// The proxy matches a plan step to a response by stage (OPTIONS with Access-Control-Request-Method
// = preflight, 3xx = redirect, else response) and by the path of the step's hop; later hops pass
// through it only if redirects are relative (or name the proxy).
// The page origin is http://localhost:PORT and servers listen on 127.0.0.1: Chromium treats
// `localhost` and `127.0.0.1` as different sites, so every call is cross-site (Fetch standard,
// "site"), and cookies are not needed for the credentials mode: `credentials: 'include'` alone
// makes Chromium apply the credentialed CORS check (Fetch standard, CORS check step 5).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttp, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createNet, type AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { FindingReply, TabFinding } from '../../src/messages';
import type { StackId } from '../../src/core/types';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';

// ------------------------------------------------------------------------------------------------
// Browser side

export interface Call {
  /** Absolute URL on the server under test (the harness adds a unique `cci_run` query parameter). */
  url: string;
  method?: string;
  /** Request headers the page sets (custom names make Chromium preflight). */
  headers?: Record<string, string>;
  body?: string;
  /** fetch (default) or XMLHttpRequest; both with credentials. */
  via?: 'fetch' | 'xhr';
}

export interface Outcome {
  /** The script got a response (Chromium let it through). */
  ok: boolean;
  status?: number;
  /** The exact URL requested (with `cci_run`), the key to the finding. */
  url: string;
  /** Chromium's console sentences ("Access to …") about this URL. */
  sentences: string[];
}

export interface ServersBrowser {
  browser: ExtensionBrowser;
  /** The listed origin: snippets and header lines name it. */
  pageOrigin: string;
  /** An origin no fix lists: its credentialed calls must stay refused after a cure. */
  otherOrigin: string;
  call(c: Call, from?: 'page' | 'other'): Promise<Outcome>;
  /** Everything `cors/findings` returns for the listed page's tab. */
  findings(): Promise<FindingReply[]>;
  /** The one error finding for a blocked call (waits for it). */
  finding(url: string): Promise<FindingReply>;
  /** Findings (any severity) whose request started at `url`. */
  findingsFor(url: string): Promise<FindingReply[]>;
  close(): Promise<void>;
}

const PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>servers harness</title><p>harness page</p>';

/**
 * The CORS findings (errors and warnings) among a request's findings. Credential findings
 * (kind 'cookie': a 401 challenge, a refused cookie) are about what the API thinks of the
 * credentials, not about its CORS headers: a cured server that still answers an anonymous
 * call 401 rightly gets one.
 */
function corsLeft(findings: readonly TabFinding[]): string[] {
  return findings.filter((f) => f.kind !== 'cookie').map((f) => `${f.severity} ${f.code}`);
}

/** A bare page origin (http://localhost:PORT) serving one blank document. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createHttp((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(PAGE_HTML);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

let runs = 0;
/** A URL no earlier call used, so sentences, findings and preflight-cache entries are this call's. */
function uniqueUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('cci_run', `${process.pid}-${++runs}`);
  return u.href;
}

/** Runs one credentialed call in the page; never throws for a CORS refusal (that is `ok: false`). */
function runInPage(page: Page, c: Call & { url: string }): Promise<{ ok: boolean; status?: number }> {
  return page.evaluate(
    async ({ url, method, headers, body, via }) => {
      if (via === 'xhr') {
        return new Promise<{ ok: boolean; status?: number }>((resolve) => {
          const x = new XMLHttpRequest();
          x.open(method, url);
          x.withCredentials = true;
          for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
          x.onload = () => resolve({ ok: true, status: x.status });
          x.onerror = () => resolve({ ok: false });
          x.send(body ?? null);
        });
      }
      try {
        const r = await fetch(url, { method, headers, body, credentials: 'include', cache: 'no-store' });
        await r.arrayBuffer();
        return { ok: true, status: r.status };
      } catch {
        return { ok: false };
      }
    },
    { url: c.url, method: c.method ?? 'GET', headers: c.headers ?? {}, body: c.body, via: c.via ?? 'fetch' },
  );
}

export async function startBrowser(): Promise<ServersBrowser> {
  const listed = await pageServer();
  const other = await pageServer();
  const browser = await launchWithExtension().catch(async (e: unknown) => {
    await listed.close();
    await other.close();
    throw e;
  });
  const sentences: string[] = [];
  const openPage = async (url: string): Promise<Page> => {
    const p = await browser.context.newPage();
    p.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('Access to ')) sentences.push(m.text());
    });
    await p.goto(url);
    return p;
  };
  const page = await openPage(`${listed.origin}/`);
  const otherPage = await openPage(`${other.origin}/`);
  const reader = await browser.context.newPage();
  await reader.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  const tabId = await reader.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, `${listed.origin}/`);
  if (typeof tabId !== 'number') throw new Error('harness page tab not found');

  const findings = async (): Promise<FindingReply[]> =>
    ((await reader.evaluate((id) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: id }), tabId)) as { findings: FindingReply[] }).findings;
  const findingsFor = async (url: string) => (await findings()).filter((f) => f.record.hops[0]?.url === url);

  return {
    browser,
    pageOrigin: listed.origin,
    otherOrigin: other.origin,
    async call(c, from = 'page') {
      const url = uniqueUrl(c.url);
      const res = await runInPage(from === 'page' ? page : otherPage, { ...c, url });
      // Chromium logs its sentence right after the refusal; give it a moment to arrive.
      const mine = () => sentences.filter((s) => s.includes(`'${url}'`));
      const end = Date.now() + (res.ok ? 150 : 5_000);
      while (Date.now() < end && (res.ok || mine().length === 0)) await sleep(25);
      return { ...res, url, sentences: mine() };
    },
    findings,
    findingsFor,
    async finding(url) {
      const end = Date.now() + 10_000;
      for (;;) {
        const errors = (await findingsFor(url)).filter((f) => f.severity === 'error');
        if (errors.length > 0) return errors[0]!;
        if (Date.now() > end) throw new Error(`no error finding for ${url}; tab has: ${JSON.stringify((await findings()).map((f) => [f.code, f.url]))}`);
        await sleep(50);
      }
    },
    async close() {
      await browser.close();
      await listed.close();
      await other.close();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------
// Server processes

/** A port the OS picked on 127.0.0.1, released for the server to bind (servers that take a port). */
export async function freePort(): Promise<number> {
  const s = createNet();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Proc {
  pid: number;
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** stdout + stderr so far (for failure messages). */
  output(): string;
  /** SIGTERM to the process group we started (by its PID), SIGKILL after 3 s. */
  stop(): Promise<void>;
}

export interface ProcOptions {
  command: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** The port the server binds on 127.0.0.1 (from `freePort()`); passed as $PORT too. */
  port: number;
  /** How long to wait for the port to accept connections. */
  timeoutMs?: number;
}

/** Starts a server in its own process group and waits until 127.0.0.1:port accepts connections. */
export async function startProcess(o: ProcOptions): Promise<Proc> {
  const child: ChildProcess = spawn(o.command, o.args ?? [], {
    cwd: o.cwd,
    env: { ...process.env, ...o.env, PORT: String(o.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const gone = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${o.command}`);
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3_000);
    await gone;
    clearTimeout(t);
  };
  const end = Date.now() + (o.timeoutMs ?? 20_000);
  while (!(await accepts(o.port))) {
    if (exited || Date.now() > end) {
      await stop();
      throw new Error(`${o.command} ${(o.args ?? []).join(' ')} did not listen on 127.0.0.1:${o.port}${exited ? ' (it exited)' : ''}:\n${out}`);
    }
    await sleep(50);
  }
  return { pid, port: o.port, origin: `http://127.0.0.1:${o.port}`, output: () => out, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

// ------------------------------------------------------------------------------------------------
// Applying a finding's header lines to a real server's responses

/**
 * One response to change: FixStep (src/core/types.ts), `hop` indexing finding.record.hops. A hop
 * past the recorded ones (a response after a redirect the browser did not follow) matches any path.
 */
export interface PlanStep {
  stage: 'preflight' | 'response' | 'redirect';
  hop?: number;
  headers: string[];
  remove?: string[];
  status?: { from: number; to: number; why?: string };
}

/** The plan's steps (`fix.steps`). */
export function stepsOf(f: TabFinding): PlanStep[] {
  return f.fix.steps;
}

/** Which stage a response is: the OPTIONS preflight, a redirect, or the (actual) response. */
function stageOf(req: IncomingMessage, status: number): PlanStep['stage'] {
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) return 'preflight';
  return status >= 300 && status < 400 ? 'redirect' : 'response';
}

/**
 * Rewrites one response as the plan says: set lines (same-named ones dropped first), remove names,
 * change the status. Header pairs are [name, value] as received, repeats kept.
 */
export function applySteps(
  at: { stage: PlanStep['stage']; path: string },
  res: { status: number; headers: [string, string][] },
  steps: readonly PlanStep[],
  hopPaths: readonly (string | undefined)[],
): { status: number; headers: [string, string][] } {
  let out = res;
  for (const s of steps) {
    if (s.stage !== at.stage) continue;
    const hopPath = hopPaths[s.hop ?? 0];
    if (hopPath !== undefined && hopPath !== at.path) continue;
    const set = s.headers.map((l): [string, string] => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    });
    const drop = new Set([...set.map(([n]) => n.toLowerCase()), ...(s.remove ?? []).map((n) => n.toLowerCase())]);
    out = { status: s.status?.to ?? out.status, headers: [...out.headers.filter(([n]) => !drop.has(n.toLowerCase())), ...set] };
  }
  return out;
}

export interface FixProxy {
  /** http://127.0.0.1:PORT: call this origin instead of the server's to get the fixed responses. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of `upstream` that changes only what the finding's plan says, on the
 * responses it names (stage + the hop's path), and passes everything else byte for byte.
 */
export async function startFixProxy(upstream: string, finding: TabFinding): Promise<FixProxy> {
  const steps = stepsOf(finding);
  const hopPaths = finding.record.hops.map((h) => {
    try {
      return new URL(h.url).pathname;
    } catch {
      return undefined;
    }
  });
  const up = new URL(upstream);
  const server = createHttp((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | string[]> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const n = req.rawHeaders[i]!;
        if (n.toLowerCase() === 'host') continue;
        const v = req.rawHeaders[i + 1]!;
        const old = headers[n];
        headers[n] = old === undefined ? v : [...(Array.isArray(old) ? old : [old]), v];
      }
      const fwd = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...headers, host: up.host } }, (ur) => {
        const body: Buffer[] = [];
        ur.on('data', (c: Buffer) => body.push(c));
        ur.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < ur.rawHeaders.length; i += 2) {
            const n = ur.rawHeaders[i]!;
            if (/^(connection|keep-alive|transfer-encoding|content-length)$/i.test(n)) continue;
            pairs.push([n, ur.rawHeaders[i + 1]!]);
          }
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          const fixed = applySteps({ stage: stageOf(req, ur.statusCode ?? 0), path }, { status: ur.statusCode ?? 502, headers: pairs }, steps, hopPaths);
          const bytes = fixed.status === 204 || fixed.status === 304 || req.method === 'HEAD' ? Buffer.alloc(0) : Buffer.concat(body);
          if (bytes.length > 0 || fixed.status !== 204) fixed.headers.push(['Content-Length', String(bytes.length)]);
          res.writeHead(fixed.status, fixed.headers.flat());
          res.end(bytes);
        });
      });
      fwd.on('error', (e) => {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`fix proxy: upstream error ${e.message}`);
      });
      fwd.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

// ------------------------------------------------------------------------------------------------
// Pasting a snippet

export interface PasteSpot {
  /** A line (exact text, trimmed) that opens the region the snippet replaces. */
  begin: string;
  /** The line that closes it (included in what is replaced). */
  end: string;
  /**
   * Where the snippet goes when its opening comment says "first, right after the app is created"
   * and the region is elsewhere: a line after which it is inserted (the region is then deleted).
   */
  at?: string;
  /** Fills a line the snippet marks PLACEHOLDER (e.g. an upstream address); other lines are untouched. */
  placeholder?: (line: string) => string;
}

/**
 * The source with the snippet pasted as a person would: the marked region (the existing CORS
 * setup the snippet's opening comment says it replaces) removed, the snippet's text inserted
 * exactly as written. Only lines carrying the word PLACEHOLDER may be changed, by `placeholder`.
 */
export function paste(source: string, snippet: string, spot: PasteSpot): string {
  const lines = source.split('\n');
  const find = (text: string, from = 0) => {
    const i = lines.findIndex((l, n) => n >= from && l.trim() === text);
    if (i < 0) throw new Error(`paste: no line '${text}' in the source`);
    return i;
  };
  const b = find(spot.begin);
  const e = find(spot.end, b);
  const body = snippet.split('\n').map((l) => (/PLACEHOLDER/.test(l) && spot.placeholder ? spot.placeholder(l) : l));
  if (spot.at === undefined) return [...lines.slice(0, b), ...body, ...lines.slice(e + 1)].join('\n');
  const kept = [...lines.slice(0, b), ...lines.slice(e + 1)];
  const a = kept.findIndex((l) => l.trim() === spot.at);
  if (a < 0) throw new Error(`paste: no line '${spot.at}' in the source`);
  return [...kept.slice(0, a + 1), ...body, ...kept.slice(a + 1)].join('\n');
}

/** fix.snippets[stack] from a `cors/findings` reply; fails loudly if the reply has none. */
export function stackSnippet(f: FindingReply, stack: StackId | string): string {
  const s = (f.fix.snippets as Record<string, string | undefined>)[stack];
  if (typeof s !== 'string' || s.trim() === '') throw new Error(`finding ${f.code} has no snippet for ${stack}`);
  return s;
}

// ------------------------------------------------------------------------------------------------
// One case, end to end

export interface CureCase {
  stack: StackId | string;
  /** The call, its URL given as a path on the server under test. */
  call: Omit<Call, 'url'> & { path: string };
  /** The misconfigured server's source/config text. */
  source: string;
  /** Starts the server from a source text (the original, then the pasted one). */
  start(source: string): Promise<Proc>;
  /** Where the snippet goes in `source`. */
  spot: PasteSpot;
  /** For a snippet in several parts (nginx: the http {} map, then the location lines): pastes them all. */
  pasteAll?(source: string, snippet: string): string;
  /** The finding's code (Chromium's CorsError name) the extension must report. */
  code: string;
  /** How many responses the plan must change, where the case is about a multi-response cure. */
  steps?: number;
}

export interface CureResult {
  finding: TabFinding;
  /** The source with the snippet pasted, as it ran. */
  pasted: string;
}

/**
 * Proves one misconfiguration end to end, with vitest's expect:
 * 1. Chromium refuses the call; the extension's error finding carries Chromium's sentence.
 * 2. The finding's header lines, every step, applied by a proxy: Chromium accepts, no finding left.
 * 3. The finding's snippet pasted, server restarted: Chromium accepts, no finding left; the same
 *    call from the unlisted origin is still refused and its response names no origin but ours.
 */
export async function proveCure(b: ServersBrowser, c: CureCase): Promise<CureResult> {
  const { expect } = await import('vitest');
  const { path, ...call } = c.call;
  const broken = await c.start(c.source);
  let finding: FindingReply;
  try {
    const out = await b.call({ ...call, url: broken.origin + path });
    expect(out.ok, `${c.stack}: the misconfigured server must be refused`).toBe(false);
    expect(out.sentences, 'one console sentence from Chromium').toHaveLength(1);
    finding = await b.finding(out.url);
    expect(finding.message, "the finding quotes Chromium's sentence").toBe(out.sentences[0]);
    expect(finding.code).toBe(c.code);
    if (c.steps !== undefined) expect(stepsOf(finding).map((s) => `${s.stage} ${s.hop ?? 0}`), 'the plan names every response to change').toHaveLength(c.steps);

    const proxy = await startFixProxy(broken.origin, finding);
    try {
      const fixed = await b.call({ ...call, url: proxy.origin + path });
      expect({ ok: fixed.ok, sentences: fixed.sentences }, `header lines ${JSON.stringify(stepsOf(finding).map(({ stage, hop, headers, remove, status }) => ({ stage, hop, headers, remove, status })))} accepted in one round`).toEqual({ ok: true, sentences: [] });
      await sleep(300); // a warning would be stored within this time
      expect(corsLeft(await b.findingsFor(fixed.url)), 'no CORS finding left after the header lines').toEqual([]);
    } finally {
      await proxy.close();
    }
  } finally {
    await broken.stop();
  }

  const snippet = stackSnippet(finding, c.stack);
  const pasted = c.pasteAll ? c.pasteAll(c.source, snippet) : paste(c.source, snippet, c.spot);
  const cured = await c.start(pasted);
  try {
    const ok = await b.call({ ...call, url: cured.origin + path });
    expect({ ok: ok.ok, sentences: ok.sentences }, `pasted ${c.stack} snippet accepted; server output:\n${cured.output()}`).toEqual({ ok: true, sentences: [] });
    await sleep(300);
    expect(corsLeft(await b.findingsFor(ok.url)), 'no CORS finding left after the snippet').toEqual([]);

    const other = await b.call({ ...call, url: cured.origin + path }, 'other');
    expect(other.ok, 'a call from an unlisted origin stays refused').toBe(false);
    expect(other.sentences).toHaveLength(1);
    const acao = await allowOriginFor(cured.origin + path, b.otherOrigin, call);
    expect([b.otherOrigin, '*'], `no reflection: ACAO was ${acao}`).not.toContain(acao);
  } finally {
    await cured.stop();
  }
  return { finding, pasted };
}

/** The Access-Control-Allow-Origin a server sends to `origin` (preflight if the call needs one). */
async function allowOriginFor(url: string, origin: string, call: Omit<Call, 'url'>): Promise<string | null> {
  const method = call.method ?? 'GET';
  const names = Object.keys(call.headers ?? {}).map((n) => n.toLowerCase());
  const preflight = !['GET', 'HEAD', 'POST'].includes(method) || names.some((n) => n !== 'content-type') || /json/i.test(call.headers?.['Content-Type'] ?? '');
  const r = await fetch(url, {
    method: preflight ? 'OPTIONS' : method,
    headers: preflight ? { Origin: origin, 'Access-Control-Request-Method': method, ...(names.length ? { 'Access-Control-Request-Headers': names.join(',') } : {}) } : { Origin: origin, ...call.headers },
  });
  await r.arrayBuffer();
  return r.headers.get('access-control-allow-origin');
}
