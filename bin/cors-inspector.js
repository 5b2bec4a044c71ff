#!/usr/bin/env node
// `npx cors-inspector …`: runs the command line built into dist-cli/ (by `npm run build`,
// `npm run build:cli`, or npm's prepack before packing), so no TypeScript loader starts on each run.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist-cli/cors-inspector.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cors-inspector: the command line is not built yet: run `npm run build:cli` (npm run build does it too)\n');
  process.exit(2);
}
const { cli } = await import(bundle.href);
await cli();
