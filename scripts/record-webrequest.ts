// Records the raw webRequest detail sequences Chromium produces for every lab scenario, with a bare
// recorder extension (test/fixtures/webrequest/recorder: every listener with extraHeaders, no type
// filter). The collector's unit tests replay them: real sequences, never hand-written ones.
// Usage: npx tsx scripts/record-webrequest.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLab } from '../lab/index';
import { launchWithExtension } from './browser/launch';

type Raw = Record<string, unknown> & { ev: string; url: string };
const OUT = 'test/fixtures/webrequest/lab-chromium-156.json';

const lab = await startLab();
const b = await launchWithExtension({ dir: resolve('test/fixtures/webrequest/recorder') });
try {
  const page = await b.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('Access to ')) errors.push(m.text());
  });
  await page.goto(lab.pageUrl);
  const runs: unknown[] = [];
  // The page's own loads, not lab endpoints (edge-redirect-back-to-page ends on the page origin).
  const isPageLoad = (url: string) => url.startsWith(lab.pageOrigin) && !/^\/(c\/)?s\//.test(new URL(url).pathname);
  const runOne = async (name: string, id: string) => {
    const sw = await b.serviceWorker();
    await sw.evaluate(() => void ((globalThis as unknown as { events: unknown[] }).events.length = 0));
    const n = errors.length;
    const result = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<unknown> } }).lab.run(x), id);
    // The terminal webRequest event may trail the page's promise by a few ms.
    await sw.evaluate(() => new Promise((r) => setTimeout(r, 150)));
    const events = await sw.evaluate(() => (globalThis as unknown as { events: Raw[] }).events);
    runs.push({ id: name, result, console: errors.slice(n), events: events.filter((e) => !isPageLoad(e.url) && e.ev !== 'onResponseStarted') });
  };
  for (const s of lab.scenarios) await runOne(s.id, s.id);
  // The first-visit case: same-site, credentials 'include', no cookie in scope, blocked.
  lab.setOverride('control-no-cookie-in-scope', { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: *'] });
  await runOne('same-site-include-no-cookie-wildcard', 'control-no-cookie-in-scope');
  const browser = `Chromium ${b.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent))}`;
  const note = 'Real webRequest detail sequences recorded by scripts/record-webrequest.ts. Do not edit by hand.';
  writeFileSync(
    OUT,
    JSON.stringify({ note, browser, pageOrigin: lab.pageOrigin, sameSiteOrigin: lab.sameSiteOrigin, crossSiteOrigin: lab.crossSiteOrigin, runs }) + '\n',
  );
  console.log(`wrote ${runs.length} runs to ${OUT}`);
} finally {
  await b.close();
  await lab.close();
}
