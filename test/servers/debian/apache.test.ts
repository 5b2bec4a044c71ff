// Apache httpd (Debian package apache2), misconfigured as people do, against Chromium with the
// extension (case.ts: the header lines, the pasted snippet, an unlisted origin).
import { expect } from 'vitest';
import { BASIC, BEARER, stackSuite, type DebCase } from './case';
import { loadedModules } from './launch';

const cases: DebCase[] = [
  { file: 'onsuccess-only.bundle', call: { path: '/api/me.json' }, code: 'MissingAllowOriginHeader', locked: true },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart', via: 'xhr' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  { file: 'auth-preflight.bundle', call: { path: '/api/me.json', headers: BASIC }, code: 'PreflightInvalidStatus', locked: true },
  { file: 'wildcard.bundle', call: { path: '/api/items.json' }, code: 'WildcardOriginNotAllowed' },
  { file: 'app-auth.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightInvalidStatus', upstream: { auth: true }, locked: true },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'MethodDisallowedByPreflightResponse', upstream: {} },
  { file: 'header-missing.bundle', call: { path: '/api/me', headers: BEARER }, code: 'HeaderDisallowedByPreflightResponse', upstream: {} },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', upstream: { login: true }, locked: 302 },
];

// Debian's default install has no mod_rewrite: the cured server ran because the snippet's
// `a2enmod` comment named it (case.ts loads exactly the modules that comment names).
stackSuite('apache', cases, ({ pasted }) => expect(loadedModules(pasted)).toContain('rewrite'));
