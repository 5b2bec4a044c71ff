// The Next.js snippet wraps the app's own middleware. Run here as its JavaScript form, in Node
// (whose Request and Response are the ones Next.js middleware gets), around a typical auth check,
// with `next/server` stood in by the one call the snippet makes: NextResponse.next(), which marks
// "continue" with the x-middleware-next header (next/dist/server/web/spec-extension/response.js).
// The real-server suite runs it in Next.js itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { NEXTJS_TS_ONLY } from '../../../src/core/fix/stacks/nextjs';
import { REPRESENTATIVE } from './specs';

const dir = mkdtempSync(join(tmpdir(), 'cors-nextjs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The app's middleware before the paste, renamed as step 1 says: 401 without a session, a login redirect for /account. */
const AUTH = `import { NextResponse } from 'next/server';
function authMiddleware(request) {
  if (new URL(request.url).pathname === '/api/account') return Response.redirect('https://api.example/login', 302);
  if (!(request.headers.get('cookie') ?? '').includes('session=')) return NextResponse.json({ error: 'login required' }, { status: 401 });
}
`;

const CALLS = {
  'preflight, listed': { path: '/api/me', method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' } },
  'preflight, unlisted': { path: '/api/me', method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' } },
  'no session, listed': { path: '/api/me', method: 'GET', headers: { origin: 'https://app.example.com' } },
  'session, listed': { path: '/api/me', method: 'PUT', headers: { origin: 'https://app.example.com', cookie: 'session=1' } },
  'session, unlisted': { path: '/api/me', method: 'GET', headers: { origin: 'https://evil.example', cookie: 'session=1' } },
  'redirect, listed': { path: '/api/account', method: 'GET', headers: { origin: 'https://app.example.com', cookie: 'session=1' } },
};

type Answer = { status: number; headers: Record<string, string> };

function run(): Record<keyof typeof CALLS, Answer> {
  mkdirSync(join(dir, 'node_modules', 'next'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'next', 'package.json'), JSON.stringify({ name: 'next', type: 'module', exports: { './server': './server.js' } }));
  writeFileSync(
    join(dir, 'node_modules', 'next', 'server.js'),
    "export class NextResponse extends Response {\n  static next() { return new NextResponse(null, { headers: { 'x-middleware-next': '1' } }); }\n  static json(body, init) { return new NextResponse(JSON.stringify(body), init); }\n}\n",
  );
  const snippet = renderSnippet(REPRESENTATIVE['one-server']!, 'nextjs');
  expect(snippet).toContain(NEXTJS_TS_ONLY);
  writeFileSync(join(dir, 'middleware.mjs'), `${AUTH}\n${snippet.replaceAll(NEXTJS_TS_ONLY, '')}\n`);
  const script = `import { middleware } from './middleware.mjs';
const calls = ${JSON.stringify(CALLS)};
const out = {};
for (const [name, c] of Object.entries(calls)) {
  const r = await middleware(new Request('https://api.example' + c.path, { method: c.method, headers: c.headers }), { waitUntil() {} });
  out[name] = { status: r.status, headers: Object.fromEntries(r.headers) };
}
console.log(JSON.stringify(out));`;
  writeFileSync(join(dir, 'run.mjs'), script);
  return JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8' })) as Record<keyof typeof CALLS, Answer>;
}

test('Next.js: preflights answered before the auth check, its 401 and redirect carry CORS, an unlisted origin gets none', () => {
  const r = run();
  const cors = (origin: string) => ({
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-expose-headers': 'x-request-id',
    vary: 'Origin',
  });
  expect(r['preflight, listed']).toEqual({ status: 204, headers: cors('http://localhost:5173') });
  expect(r['preflight, unlisted']).toEqual({ status: 204, headers: { vary: 'Origin' } });
  // The app's auth still runs, and its 401 can be read by the page.
  expect(r['no session, listed'].status).toBe(401);
  expect(r['no session, listed'].headers).toMatchObject(cors('https://app.example.com'));
  expect(r['session, listed']).toEqual({ status: 200, headers: { ...cors('https://app.example.com'), 'x-middleware-next': '1' } });
  expect(r['session, unlisted']).toEqual({ status: 200, headers: { vary: 'Origin', 'x-middleware-next': '1' } });
  // Response.redirect() has read-only headers: the snippet answers with a copy that has them.
  expect(r['redirect, listed'].status).toBe(302);
  expect(r['redirect, listed'].headers).toMatchObject({ ...cors('https://app.example.com'), location: 'https://api.example/login' });
});
