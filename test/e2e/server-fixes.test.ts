// One fix per server, in real Chromium with the built extension: a page sends several credentialed
// requests to one API, each failing its own way (auth answering the login's preflight 401, `*` with
// credentials, a PUT missing from the allow-list, an XHR without any CORS header), plus one that
// works. `cors/server-fixes` gives one fix covering all of them; an API that sends exactly its
// header lines lets every request through in one round, and a page on another origin is still
// refused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFixReply } from '../../src/messages';
import { startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
let api: Server;
let apiOrigin = '';
/** Null: the broken API; a fix: the API sends exactly its header lines. */
let cure: ServerFixReply['fix'] | null = null;

type Lines = [string, string][];
const lines = (...l: string[]): Lines => l.map((x) => [x.slice(0, x.indexOf(':')), x.slice(x.indexOf(':') + 1).trim()]);

/** How the API is misconfigured, per request: the mistakes people make. */
function broken(req: IncomingMessage, page: string): { status: number; headers: Lines } {
  const preflight = req.method === 'OPTIONS';
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/login') return preflight ? { status: 401, headers: lines('WWW-Authenticate: Bearer') } : { status: 200, headers: [] };
  if (path === '/me') return { status: 200, headers: lines('Access-Control-Allow-Origin: *') };
  if (path === '/items/1')
    return preflight
      ? {
          status: 204,
          headers: lines(
            `Access-Control-Allow-Origin: ${page}`,
            'Access-Control-Allow-Credentials: true',
            'Access-Control-Allow-Methods: GET',
            'Access-Control-Allow-Headers: authorization, content-type',
          ),
        }
      : { status: 200, headers: lines(`Access-Control-Allow-Origin: ${page}`, 'Access-Control-Allow-Credentials: true') };
  if (path === '/public') return { status: 200, headers: lines('Access-Control-Allow-Origin: *') };
  return { status: 200, headers: [] }; // /xhr: no CORS header at all
}

/** The API with the merged fix pasted: the preflight lines on OPTIONS (204), the others elsewhere. */
function cured(req: IncomingMessage, fix: ServerFixReply['fix']): { status: number; headers: Lines } {
  const step = fix.steps.find((s) => s.stage === (req.method === 'OPTIONS' ? 'preflight' : 'response'))!;
  return { status: req.method === 'OPTIONS' ? 204 : 200, headers: lines(...step.headers) };
}

function answer(req: IncomingMessage, res: ServerResponse, page: string): void {
  // A page of its own, for the origin the fix does not list (http://localhost:<port>).
  if (req.url === '/stranger') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>stranger</title>');
  const { status, headers } = cure ? cured(req, cure) : broken(req, page);
  for (const [name, value] of headers) res.setHeader(name, value);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(req.method === 'OPTIONS' ? '' : '{"ok":true}');
}

beforeAll(async () => {
  rig = await startRig();
  api = createServer((req, res) => answer(req, res, rig.lab.pageOrigin));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await rig?.close();
  await new Promise((r) => api?.close(r));
});

/** The page's calls: four credentialed ones that fail differently, and one without credentials. */
async function callAll(page = rig.page): Promise<Record<string, boolean>> {
  return page.evaluate(async (base) => {
    const ok = (p: Promise<Response>) =>
      p.then(
        (r) => r.ok,
        () => false,
      );
    const xhr = () =>
      new Promise<boolean>((resolve) => {
        const x = new XMLHttpRequest();
        x.open('GET', `${base}/xhr`);
        x.withCredentials = true;
        x.onload = () => resolve(x.status === 200);
        x.onerror = () => resolve(false);
        x.send();
      });
    return {
      login: await ok(fetch(`${base}/login`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })),
      me: await ok(fetch(`${base}/me`, { credentials: 'include' })),
      put: await ok(
        fetch(`${base}/items/1`, {
          method: 'PUT',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
          body: '{}',
        }),
      ),
      xhr: await xhr(),
      public: await ok(fetch(`${base}/public`, { credentials: 'omit' })),
    };
  }, apiOrigin);
}

const readServers = () =>
  rig.reader.evaluate<{ servers: ServerFixReply[] }, number>((tabId) => chrome.runtime.sendMessage({ type: 'cors/server-fixes', tabId }), rig.tabId);

describe('one fix per server, read with cors/server-fixes', () => {
  it('covers every request seen to the API, failing and passing, and cures them all in one round', async () => {
    expect(await callAll()).toEqual({ login: false, me: false, put: false, xhr: false, public: true });
    const { servers } = await until(
      readServers,
      (r) => (r.servers.find((s) => s.origin === apiOrigin)?.requests.length ?? 0) >= 5,
      'one server fix covering five requests',
    );
    const server = servers.find((s) => s.origin === apiOrigin)!;
    expect(server.requests).toHaveLength(5);
    const { spec, steps, snippets } = server.fix;
    expect(spec).toMatchObject({ kind: 'cors', origins: [rig.lab.pageOrigin], credentials: true });
    expect([...spec.methods].sort()).toEqual(['GET', 'POST', 'PUT']);
    expect([...spec.headers].sort()).toEqual(['authorization', 'content-type']);
    expect(steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    expect(steps[0]!.status).toMatchObject({ from: 401, to: 204 });
    expect(steps[1]!.headers).toEqual([`Access-Control-Allow-Origin: ${rig.lab.pageOrigin}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
    expect(Object.keys(snippets)).toHaveLength(18);
    expect(snippets.express).toContain(rig.lab.pageOrigin);

    // Paste it: the API now sends exactly these lines. Every request passes, in one round.
    cure = server.fix;
    expect(await callAll()).toEqual({ login: true, me: true, put: true, xhr: true, public: true });

    // A page on an origin the fix does not list is still refused.
    const stranger = await rig.browser.context.newPage();
    await stranger.goto(`${apiOrigin.replace('127.0.0.1', 'localhost')}/stranger`);
    const seen = await callAll(stranger);
    expect(seen).toMatchObject({ login: false, me: false, put: false, xhr: false });
    await stranger.close();
  });
});
