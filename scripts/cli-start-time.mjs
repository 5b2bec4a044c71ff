// Start time of the built command line: 20 runs of `cors-inspector --help` interleaved with 20 of
// a bare `node -e 0` (so machine load hits both alike); median and min of each.
// Usage: npm run build:cli && node scripts/cli-start-time.mjs
import { spawnSync } from 'node:child_process';

const RUNS = 20;
const time = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const cli = [];
const bare = [];
for (let i = 0; i < RUNS; i++) {
  cli.push(time(['bin/cors-inspector.js', '--help']));
  bare.push(time(['-e', '0']));
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[RUNS / 2].toFixed(0)} ms, min ${s[0].toFixed(0)} ms`;
};
console.log(`cors-inspector --help: ${stats(cli)}; node -e 0: ${stats(bare)} (${RUNS} runs each, interleaved)`);
