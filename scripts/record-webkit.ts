// `npm run record:webkit`: runs every lab scenario (broken, then fixed) in WebKitGTK's MiniBrowser
// under Xvfb and writes what WebKit said to test/fixtures/webkit.json — the oracle the validator
// must match for WebKit (beside test/fixtures/chromium.json and firefox.json).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startLab } from '../lab/index';
import { observeInWebKit } from '../lab/webkit-oracle';
import { miniBrowserPath } from './browser/webkit';
import { exitOnProblems, runRecorder, writeFixture } from './fixture-file';

const OUT = resolve('test/fixtures/webkit.json');

/**
 * Runs WebKit blocks without a console line, besides the lab's 'net-error' kind (a response the
 * network layer refuses): a 64 KB header line fails the load before any CORS check
 * (docs/webkit-notes.md; test/cli/lab-webkit.test.ts lists the same run).
 */
const SILENT = new Set(['edge-acao-64k/broken']);

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
    const observed = await observeInWebKit(
      lab,
      lab.scenarios.map((s) => s.id),
      170_000,
    );
    if (observed.length !== lab.scenarios.length * 2) problems.push(`expected ${lab.scenarios.length * 2} runs, saw ${observed.length}`);
    for (const o of observed) {
      if (o.mode === 'fixed' && o.blocked) problems.push(`${o.id}: the lab's FIXED form is blocked in WebKit: ${o.messages.join(' | ')}`);
      const kind = lab.scenarios.find((s) => s.id === o.id)?.kind;
      const silent = kind === 'net-error' || SILENT.has(`${o.id}/${o.mode}`);
      if (o.blocked && o.messages.length === 0 && !silent) problems.push(`${o.id} (${o.mode}): blocked without a SECURITY ERROR line`);
      if (silent && o.messages.length > 0) problems.push(`${o.id} (${o.mode}): expected no SECURITY ERROR line, WebKit logged ${o.messages.join(' | ')}`);
      if (!o.blocked && o.messages.length > 0) problems.push(`${o.id} (${o.mode}): allowed, yet WebKit logged ${o.messages.join(' | ')}`);
      if (o.mode === 'broken') process.stdout.write(`${o.blocked ? 'blocked' : 'allowed'}  ${o.id}  ${o.messages.join(' + ')}\n`);
    }
    const version = webkitVersion();
    writeFixture(OUT, 'webkit', version, version, lab, observed, started);
  } finally {
    await lab.close();
  }
  exitOnProblems(problems, 'WebKit');
}

runRecorder(main);
