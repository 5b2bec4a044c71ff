// Start time of the built command line: 20 runs of `cors-inspector --help` next to 20 of a bare
// `node -e 0` (median, min, max). Usage: npm run build:cli && node scripts/cli-start-time.mjs
import { spawnSync } from 'node:child_process';
const runs = 20, times = [];
for (let i = 0; i < runs; i++) { const t = process.hrtime.bigint(); const r = spawnSync(process.execPath, ['bin/cors-inspector.js', '--help']); if (r.status !== 0) throw new Error('failed'); times.push(Number(process.hrtime.bigint() - t) / 1e6); }
times.sort((a, b) => a - b);
const base = []; for (let i = 0; i < runs; i++) { const t = process.hrtime.bigint(); spawnSync(process.execPath, ['-e', '0']); base.push(Number(process.hrtime.bigint() - t) / 1e6); }
base.sort((a, b) => a - b);
console.log(`cors-inspector --help: median ${times[runs/2].toFixed(1)} ms, min ${times[0].toFixed(1)}, max ${times[runs-1].toFixed(1)}; bare node -e 0: median ${base[runs/2].toFixed(1)} ms`);
