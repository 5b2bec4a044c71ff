// Django + django-cors-headers (Debian packages python3-django, python3-django-cors-headers), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const bearer = { Authorization: 'Bearer t0ken' };
const cases: DebCase[] = [
  { file: 'allow-all.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-first.bundle', call: { path: '/api/me', headers: bearer }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'narrow-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
  { file: 'not-installed.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`django: ${c.file}`, () => proveDeb(b, 'django', c));
