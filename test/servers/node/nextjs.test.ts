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
 * As the snippet says: the CORS headers set in next.config.mjs headers() go (the marked region),
 * and the CORS handling goes into middleware.ts: a new file, or merged into the app's own.
 */
export function pasteNext(source: string, snippet: string): string {
  let out = source;
  while (out.includes('// >>> cors')) out = paste(out, '', { begin: '// >>> cors', end: '// <<< cors' });
  const at = out.indexOf(MIDDLEWARE);
  if (at < 0) return `${out.replace(/\n*$/, '\n')}${MIDDLEWARE}\n${snippet}\n`;
  // The app's middleware is replaced by the snippet, which must keep what it did (its auth check).
  const next = out.indexOf('\n#### file: ', at + 1);
  return `${out.slice(0, at)}${MIDDLEWARE}\n${snippet}\n${next < 0 ? '' : out.slice(next + 1)}`;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'nextjs');
const apps = bundleApp('nextjs');
afterAll(() => apps.dispose());

bundleSuite('nextjs', cases, (b, c) => proveBundle(b, { stack: 'nextjs', dir, server: apps.server(c.call.path), mark: '//', pasteAll: pasteNext }, c));
