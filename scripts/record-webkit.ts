// `npm run record:webkit`: runs every lab scenario (broken, then fixed) in WebKitGTK's MiniBrowser
// under Xvfb and writes what WebKit said to test/fixtures/webkit.json — the oracle the validator
// must match for WebKit (beside test/fixtures/chromium.json and firefox.json).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startLab } from '../lab/index';
import { observeInWebKit } from '../lab/webkit-oracle';
import { miniBrowserPath } from './browser/webkit';

const OUT = resolve('test/fixtures/webkit.json');

/** "WebKitGTK 2.50.6" from the package that ships MiniBrowser (MiniBrowser has no --version). */
function webkitVersion(): string {
  try {
    const pkg = execFileSync('dpkg', ['-S', miniBrowserPath()], { encoding: 'utf8' }).split(':')[0]!;
    return `WebKitGTK ${execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' })}`;
  } catch {
    return 'WebKitGTK (unknown version)';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const lab = await startLab();
  const problems: string[] = [];
  try {
    const observed = await observeInWebKit(lab, lab.scenarios.map((s) => s.id), 170_000);
    if (observed.length !== lab.scenarios.length * 2) problems.push(`expected ${lab.scenarios.length * 2} runs, saw ${observed.length}`);
    for (const o of observed) {
      if (o.mode === 'fixed' && o.blocked) problems.push(`${o.id}: the lab's FIXED form is blocked in WebKit: ${o.messages.join(' | ')}`);
      if (o.blocked && o.messages.length === 0) problems.push(`${o.id} (${o.mode}): blocked without a SECURITY ERROR line`);
      if (!o.blocked && o.messages.length > 0) problems.push(`${o.id} (${o.mode}): allowed, yet WebKit logged ${o.messages.join(' | ')}`);
      if (o.mode === 'broken') process.stdout.write(`${o.blocked ? 'blocked' : 'allowed'}  ${o.id}  ${o.messages.join(' + ')}\n`);
    }
    const fixture = {
      webkit: webkitVersion(),
      recordedAt: new Date().toISOString(),
      origins: { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin },
      scenarios: observed,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`\n${fixture.webkit}: ${observed.length} runs (${lab.scenarios.length} scenarios, broken + fixed) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${OUT}`);
  } finally {
    await lab.close();
  }
  if (problems.length > 0) {
    console.error(`\nThe lab disagrees with WebKit:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
