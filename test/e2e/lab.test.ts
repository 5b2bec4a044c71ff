// The lab against plain Chromium (no extension): the page runs scenarios, the servers log what
// they answered, and modes/overrides change what Chromium lets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import { chromiumArgs, chromiumPath } from '../../scripts/browser/chromium';

type RunResult = { ok: boolean; status?: number; error?: string; url: string };

let lab: Lab;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

const run = (id: string): Promise<RunResult> => page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);
const header = (lines: { name: string; value: string }[] | undefined, name: string) =>
  (lines ?? []).filter((h) => h.name.toLowerCase() === name).map((h) => h.value);

beforeAll(async () => {
  lab = await startLab();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(lab.pageUrl);
});

afterAll(async () => {
  await browser?.close();
  await lab?.close();
});

describe('the lab page in Chromium', () => {
  it('shows one run button per scenario and a Run all button', async () => {
    expect(await page.getByTestId('run-all').count()).toBe(1);
    for (const s of lab.scenarios) expect(await page.getByTestId(`run-${s.id}`).count(), s.id).toBe(1);
    expect(lab.pageOrigin).toMatch(/^http:\/\/localhost:\d+$/);
    expect(lab.crossSiteOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs a failing scenario: blocked, logged, recorded, and Chromium names it', async () => {
    const r = await run('acac-missing');
    expect(r.ok).toBe(false);
    expect(await page.getByTestId('status-acac-missing').textContent()).toBe('blocked by CORS');
    const log = lab.exchanges('acac-missing');
    expect(log).toHaveLength(1);
    expect(log[0]!.url).toBe(r.url);
    // Same-site, under the cookie's Path: Chromium sent the lab cookie (value redacted in the log).
    expect(header(log[0]!.requestHeaders, 'cookie')).toEqual(['[redacted]']);
    expect(header(log[0]!.requestHeaders, 'origin')).toEqual([lab.pageOrigin]);
    const record = lab.recordFor('acac-missing')!;
    expect(record).toMatchObject({ method: 'GET', origin: lab.pageOrigin, credentials: 'include', initiator: 'fetch' });
    expect(record.hops).toHaveLength(1);
    expect(record.hops[0]!.url).toBe(r.url);
    expect(record.hops[0]!.response!.status).toBe(200);
    expect(header(record.hops[0]!.response!.headers, 'access-control-allow-origin')).toEqual([lab.pageOrigin]);
    expect(header(record.hops[0]!.response!.headers, 'access-control-allow-credentials')).toEqual([]);
    await expect.poll(() => consoleErrors.some((m) => m.startsWith('Access to fetch at ') && m.includes(r.url))).toBe(true);
  });

  it('sends no cookie where none is in scope, though the credentials mode is include', async () => {
    expect((await run('control-no-cookie-in-scope')).ok).toBe(true);
    const [e] = lab.exchanges('control-no-cookie-in-scope');
    expect(header(e!.requestHeaders, 'cookie')).toEqual([]);
    expect(lab.recordFor('control-no-cookie-in-scope')!.credentials).toBe('include');
  });

  it('logs the preflight and the tainted origin after a cross-origin redirect', async () => {
    expect((await run('control-put-json')).ok).toBe(true);
    const record = lab.recordFor('control-put-json')!;
    expect(record.hops[0]!.preflight!.status).toBe(204);
    expect(record.hops[0]!.response!.status).toBe(200);
    expect(record.requestHeaders).toEqual([{ name: 'Content-Type', value: 'application/json' }]);

    expect((await run('redirect-login')).ok).toBe(false);
    const hops = lab.exchanges('redirect-login');
    expect(hops.map((e) => e.hop)).toEqual([0, 1]);
    expect(header(hops[1]!.requestHeaders, 'origin')).toEqual(['null']);
    expect(lab.recordFor('redirect-login')!.hops.map((h) => h.response?.status)).toEqual([302, 200]);
  });

  it('serves the fixed form after setMode, and the broken one again after reset', async () => {
    lab.setMode('acao-wildcard', 'fixed');
    expect((await run('acao-wildcard')).ok).toBe(true);
    lab.reset();
    expect((await run('acao-wildcard')).ok).toBe(false);
    expect(lab.exchanges('acao-wildcard')).toHaveLength(1);
  });

  it("answers fetch(method: 'patch'), which Node's own HTTP parser rejects", async () => {
    lab.setMode('acam-patch-case', 'fixed');
    expect(await run('acam-patch-case')).toMatchObject({ ok: true, status: 200 });
    expect(lab.exchanges('acam-patch-case').map((e) => e.method)).toEqual(['OPTIONS', 'patch']);
    expect(lab.recordFor('acam-patch-case')!.method).toBe('patch');
  });

  it('applies overrides like extension Fixes, stacking stages', async () => {
    lab.setOverride('preflight-401-with-cors', { stage: 'preflight', hop: 0, status: 204 });
    expect((await run('preflight-401-with-cors')).ok).toBe(true);

    lab.setOverride('preflight-acac-missing', { stage: 'preflight', hop: 0, headers: ['Access-Control-Allow-Credentials: true'] });
    expect((await run('preflight-acac-missing')).ok).toBe(true);

    lab.setOverride('acao-two-lines', { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: http://wrong.example'] });
    expect((await run('acao-two-lines')).ok).toBe(false);
    lab.setOverride('acao-two-lines', { stage: 'response', hop: 0, headers: [`Access-Control-Allow-Origin: ${lab.pageOrigin}`] });
    expect((await run('acao-two-lines')).ok).toBe(true);
    expect(header(lab.recordFor('acao-two-lines')!.hops[0]!.response!.headers, 'access-control-allow-origin')).toEqual([lab.pageOrigin]);

    lab.setOverride('acao-two-lines', null);
    expect((await run('acao-two-lines')).ok).toBe(false);
  });

  it('toggles an endpoint to its fixed form from the page', async () => {
    await page.getByTestId('mode-redirect-login').check();
    await expect.poll(() => page.evaluate(() => fetch('/lab/modes').then((r) => r.json()))).toMatchObject({ 'redirect-login': 'fixed' });
    await page.getByTestId('run-redirect-login').click();
    await expect.poll(() => page.getByTestId('status-redirect-login').textContent()).toBe('allowed · 401');
  });
});
