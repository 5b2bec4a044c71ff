// Rails + rack-cors on puma (Debian packages ruby-rails, ruby-rack-cors, puma), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const bearer = { Authorization: 'Bearer t0ken' };
const cases: DebCase[] = [
  { file: 'no-credentials.bundle', call: { path: '/api/me' }, code: 'InvalidAllowCredentials' },
  { file: 'methods-default.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'no-headers.bundle', call: { path: '/api/me', headers: bearer, via: 'xhr' }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'auth-first.bundle', call: { path: '/api/me', headers: bearer }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'trailing-slash.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`rails: ${c.file}`, () => proveDeb(b, 'rails', c));
