// `npm run bench`: performance figures, printed as a table. Sections: core (the validator), panel
// render, and browser (what the extension costs a page in real Chromium; BENCH_BROWSER=0 skips it).
// Other sections add a bench<Section>() module under scripts/bench/ and a line here.
import { cpus, loadavg } from 'node:os';
import { type BenchRow, benchCore } from './bench/core';
import { benchBrowser } from './bench/browser';
import { benchHar } from './bench/har';
import { benchPanel } from './bench/panel';
import { benchSize } from './bench/size';

// BENCH_ONLY=browser: the browser section alone (the others take minutes on a loaded machine);
// BENCH_ONLY=har: the command line's `har` on a generated 50 MB HAR alone; BENCH_ONLY=size: the
// built extension's size alone (after `npm run build`).
const only = process.env.BENCH_ONLY;
if (only === undefined || only === 'size') benchSize();
if (only === 'size') process.exit(0);
const sections: (() => BenchRow[] | Promise<BenchRow[]>)[] = only === 'browser' ? [] : only === 'har' ? [benchHar] : [benchCore, benchPanel, benchHar];

const rows: BenchRow[] = [];
for (const section of sections) rows.push(...(await section()));
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('section', 8)} ${pad('benchmark', 44)} ${'records'.padStart(8)} ${'ops/s'.padStart(12)} ${'µs/op'.padStart(8)} ${'best µs'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${pad(r.section, 8)} ${pad(r.name, 44)} ${String(r.records).padStart(8)} ${r.opsPerSec.toLocaleString('en-US').padStart(12)} ${r.usPerOp.toFixed(3).padStart(8)} ${(r.bestUs?.toFixed(3) ?? '').padStart(8)}`,
  );
}
console.log(`\nnode ${process.version}, target ≤ 2 µs per record (realistic mix); median of 15 rounds of 50,000 after warm-up (best round alongside).`);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores: figures are noisy when other work runs.`,
);

if (process.env.BENCH_BROWSER !== '0' && only !== 'har') await benchBrowser();
if (process.env.BENCH_BROWSER !== '0' && only !== 'har')
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${cpus().length} cores after the browser section.`,
  );
