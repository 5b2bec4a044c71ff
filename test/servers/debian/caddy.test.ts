// Caddy (Debian package caddy), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const basic = { Authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` };
const cases: DebCase[] = [
  { file: 'wildcard.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  { file: 'basicauth.bundle', call: { path: '/api/me', headers: basic }, code: 'PreflightInvalidStatus', upstream: {} },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`caddy: ${c.file}`, () => proveDeb(b, 'caddy', c));
