// `npm run record:firefox`: runs every lab scenario (broken, then fixed) in plain headless Firefox
// ESR over WebDriver BiDi and writes what Firefox said to test/fixtures/firefox.json — the oracle
// the validator must match in Firefox (beside Chromium's test/fixtures/chromium.json).
import { resolve } from 'node:path';
import { startLab } from '../lab/index';
import { createFirefoxOracle } from '../lab/firefox-oracle';
import { launchFirefox } from './browser/firefox';
import { exitOnProblems, runRecorder, writeFixture } from './fixture-file';

const OUT = resolve('test/fixtures/firefox.json');

async function main(): Promise<void> {
  const started = Date.now();
  const lab = await startLab();
  const browser = await launchFirefox();
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(lab.pageUrl);
    const oracle = createFirefoxOracle(page, lab);
    for (const s of lab.scenarios) {
      await oracle.run(s.id, 'broken');
      await oracle.run(s.id, 'fixed');
    }
    const observed = await oracle.settle();
    for (const o of observed) {
      if (o.mode === 'fixed' && o.blocked) problems.push(`${o.id}: the lab's FIXED form is blocked in Firefox: ${o.messages.join(' | ')}`);
      if (o.blocked && o.messages.length === 0) problems.push(`${o.id} (${o.mode}): blocked without a console sentence`);
      if (!o.blocked && o.messages.length > 0) problems.push(`${o.id} (${o.mode}): allowed, yet Firefox logged ${o.messages.join(' | ')}`);
      if (o.reasons.some((r) => r.key === undefined))
        problems.push(`${o.id} (${o.mode}): a sentence matches no security.properties template: ${o.messages.join(' | ')}`);
      if (o.mode === 'broken') process.stdout.write(`${o.blocked ? 'blocked' : 'allowed'}  ${o.id}  ${o.reasons.map((r) => r.key).join(' + ')}\n`);
    }
    const version = await browser.version();
    writeFixture(OUT, 'firefox', version, version, lab, observed, started);
  } finally {
    await browser.close();
    await lab.close();
  }
  exitOnProblems(problems, 'Firefox');
}

runRecorder(main);
