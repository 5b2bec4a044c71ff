// NestJS on Express (npm), misconfigured as people do, run with tsx against Chromium with the
// extension (debian/case.ts proveBundle): Chromium's sentence, the header lines and the pasted
// `app.enableCors(...)` each curing the call in one round, an unlisted origin refused, and the
// app's own auth check still answering a call without credentials.
import { afterAll } from 'vitest';
import { BEARER, bundleSuite, proveBundle, type DebCase } from '../debian/case';
import { bundleApp } from './bundle-app';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const json = { 'Content-Type': 'application/json' };
// The snippet's own words: "Call it right after NestFactory.create(), before any app.use(...)".
const at = 'const app = await NestFactory.create(AppModule, { logger: false });';

const cases: DebCase[] = [
  { file: 'auth-first.bundle', call: { path: '/api/profile', method: 'PUT', headers: { ...BEARER, ...json }, body: '{"name":"Ada"}' }, code: 'PreflightMissingAllowOriginHeader', at, locked: 401 },
  { file: 'login-redirect.bundle', call: { path: '/api/sessions/7', method: 'DELETE', headers: BEARER }, code: 'PreflightDisallowedRedirect', at, locked: 302 },
  { file: 'method-missing.bundle', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse', at },
  { file: 'header-missing.bundle', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse', at },
  { file: 'wildcard.bundle', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed', at },
  { file: 'no-cors.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'MissingAllowOriginHeader', at },
];

const dir = join(dirname(fileURLToPath(import.meta.url)), 'nestjs');
const apps = bundleApp('nestjs');
afterAll(() => apps.dispose());

bundleSuite('nestjs', cases, (b, c) => proveBundle(b, { stack: 'nestjs', dir, server: apps.server(c.call.path), mark: '//' }, c));
