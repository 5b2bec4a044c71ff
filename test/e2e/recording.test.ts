// Guards the recorded oracle: re-runs a few representative scenarios in today's Chromium and
// checks that it still says, word for word, what test/fixtures/chromium.json recorded.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import { createOracle, normalizeSentence, type Observation, type Oracle } from '../../lab/oracle';
import { chromiumArgs, chromiumPath } from '../../scripts/browser/chromium';

interface Fixture {
  chromium: string;
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: Observation[];
}
const fixture = JSON.parse(readFileSync('test/fixtures/chromium.json', 'utf8')) as Fixture;
const HINT =
  'Chromium no longer says what the fixture recorded: run `npm run record`, review the diff of test/fixtures/chromium.json, and update the validator.';

// One per message family: XHR suffix, preflight prefix over a 401, "(redirected from …)", joined duplicate lines.
const representative = ['acao-wildcard-xhr', 'preflight-401-no-cors', 'redirect-login', 'acac-two-lines'];

let lab: Lab;
let browser: Browser;
let oracle: Oracle;

beforeAll(async () => {
  lab = await startLab();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  const page = await browser.newPage();
  await page.goto(lab.pageUrl);
  oracle = createOracle(page, lab);
});

afterAll(async () => {
  await browser?.close();
  await lab?.close();
});

describe('the recorded Chromium oracle', () => {
  it('records every scenario in its broken and fixed form', () => {
    for (const s of lab.scenarios) {
      for (const mode of ['broken', 'fixed'] as const) {
        const seen = fixture.scenarios.find((o) => o.id === s.id && o.mode === mode);
        expect(seen, `${s.id} (${mode}) is not in the fixture: run \`npm run record\``).toBeDefined();
        expect(seen!.blocked, `${s.id} (${mode})`).toBe(mode === 'broken' && s.kind !== 'control');
      }
    }
  });

  it.each(representative)('Chromium still words %s as recorded', async (id) => {
    const live = await oracle.observe(id);
    const recorded = fixture.scenarios.find((o) => o.id === id && o.mode === 'broken')!;
    const origins = { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin };
    expect(live.blocked, HINT).toBe(recorded.blocked);
    expect(
      live.messages.map((m) => normalizeSentence(m, origins)),
      `${HINT} (recorded with Chromium ${fixture.chromium}, running ${browser.version()})`,
    ).toEqual(recorded.messages.map((m) => normalizeSentence(m, fixture.origins)));
  });
});
