// `npm run record`: runs every lab scenario (broken, then fixed) in plain headless Chromium and
// writes what Chromium said to test/fixtures/chromium.json — the oracle the validator must match.
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startLab } from '../lab/index';
import { createOracle, type Observation } from '../lab/oracle';
import { chromiumArgs, chromiumPath } from './browser/chromium';
import { exitOnProblems, runRecorder, writeFixture } from './fixture-file';

const OUT = resolve('test/fixtures/chromium.json');

async function main(): Promise<void> {
  const started = Date.now();
  const lab = await startLab();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(lab.pageUrl);
    const oracle = createOracle(page, lab);
    const observed: Observation[] = [];
    for (const s of lab.scenarios) {
      const broken = await oracle.observe(s.id, 'broken');
      const fixed = await oracle.observe(s.id, 'fixed');
      observed.push(broken, fixed);
      if (broken.blocked !== (s.kind !== 'control'))
        problems.push(`${s.id}: broken form ${broken.blocked ? 'blocked' : 'allowed'}, but its kind is '${s.kind}'`);
      // 'net-error': Chromium refused the response itself, so it must print no CORS sentence.
      if (broken.blocked && (broken.messages.length === 0) !== (s.kind === 'net-error'))
        problems.push(`${s.id}: blocked ${broken.messages.length ? 'with' : 'without'} a console sentence, and its kind is '${s.kind}'`);
      if (s.kind === 'net-error' && (!broken.netError || broken.netError === 'net::ERR_FAILED'))
        problems.push(`${s.id}: kind 'net-error', but Chromium logged ${broken.netError ?? 'no net error'}`);
      if (fixed.blocked) problems.push(`${s.id}: the lab's FIXED form is blocked: ${fixed.messages.join(' | ')}`);
      process.stdout.write(`${broken.blocked ? 'blocked' : 'allowed'}  ${s.id}\n`);
    }
    writeFixture(OUT, 'chromium', browser.version(), `Chromium ${browser.version()}`, lab, observed, started);
  } finally {
    await browser.close();
    await lab.close();
  }
  exitOnProblems(problems, 'Chromium');
}

runRecorder(main);
