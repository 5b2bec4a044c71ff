// Apache httpd (Debian package apache2), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';
import { loadedModules } from './launch';

const basic = { Authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` };
const cases: DebCase[] = [
  { file: 'onsuccess-only.bundle', call: { path: '/api/me.json' }, code: 'MissingAllowOriginHeader' },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart', via: 'xhr' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  { file: 'auth-preflight.bundle', call: { path: '/api/me.json', headers: basic }, code: 'PreflightInvalidStatus' },
  { file: 'wildcard.bundle', call: { path: '/api/items.json' }, code: 'WildcardOriginNotAllowed' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) {
  it(`apache: ${c.file}`, async () => {
    const { pasted } = await proveDeb(b, 'apache', c);
    // Debian's default install has no mod_rewrite: it ran because the snippet's `a2enmod` comment
    // named it (case.ts loads exactly the modules that comment names).
    expect(loadedModules(pasted)).toContain('rewrite');
  });
}
