// Flask + flask-cors (Debian packages python3-flask, python3-flask-cors), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const bearer = { Authorization: 'Bearer t0ken' };
const cases: DebCase[] = [
  { file: 'default.bundle', call: { path: '/api/me' }, code: 'InvalidAllowCredentials' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'login-hook.bundle', call: { path: '/api/me', headers: bearer }, code: 'PreflightInvalidStatus' },
  { file: 'narrow-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`flask: ${c.file}`, () => proveDeb(b, 'flask', c));
