// Next.js (npm, `next dev`, see bundle-app.ts), misconfigured as people do, against Chromium with
// the extension (debian/case.ts proveBundle): Chromium's sentence, the header lines and the pasted
// middleware each curing the call in one round, an unlisted origin refused, and the app's own
// auth check still answering a call without credentials.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { paste } from '../harness';
import { BEARER, bundleSuite, proveBundle, type DebCase } from '../debian/case';
import { bundleApp } from './bundle-app';

const json = { 'Content-Type': 'application/json' };

const cases: DebCase[] = [
  { file: 'auth-first.bundle', call: { path: '/api/profile', method: 'PUT', headers: { ...BEARER, ...json }, body: '{"name":"Ada"}' }, code: 'PreflightMissingAllowOriginHeader', locked: 401 },
  { file: 'login-redirect.bundle', call: { path: '/api/sessions/7', method: 'DELETE', headers: BEARER }, code: 'PreflightDisallowedRedirect', locked: 307 },
  { file: 'method-missing.bundle', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
  { file: 'header-missing.bundle', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
  { file: 'wildcard.bundle', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-cors.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'MissingAllowOriginHeader' },
];

const MIDDLEWARE = '#### file: middleware.ts';

/**
 * As the snippet says: the CORS headers set in next.config.mjs headers() go (the marked region);
 * the app's `export function middleware(` becomes `function authMiddleware(` (a new file declares
 * an authMiddleware that does nothing, as the snippet says), and the snippet goes below it.
 */
export function pasteNext(source: string, snippet: string): string {
  let out = source;
  while (out.includes('// >>> cors')) out = paste(out, '', { begin: '// >>> cors', end: '// <<< cors' });
  const at = out.indexOf(MIDDLEWARE);
  if (at < 0) return `${out.replace(/\n*$/, '\n')}${MIDDLEWARE}\nconst authMiddleware = (request: Request) => undefined;\n${snippet}\n`;
  const end = out.indexOf('\n#### file: ', at + 1);
  const file = out.slice(at, end < 0 ? undefined : end + 1);
  if (!file.includes('export function middleware(')) throw new Error(`pasteNext: no 'export function middleware(' in:\n${file}`);
  const renamed = file.replace('export function middleware(', 'function authMiddleware(');
  return `${out.slice(0, at)}${renamed.replace(/\n*$/, '\n')}\n${snippet}\n${end < 0 ? '' : out.slice(end + 1)}`;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'nextjs');
const apps = bundleApp('nextjs');
afterAll(() => apps.dispose());

bundleSuite('nextjs', cases, (b, c) => proveBundle(b, { stack: 'nextjs', dir, server: apps.server(c.call.path), mark: '//', pasteAll: pasteNext }, c));
