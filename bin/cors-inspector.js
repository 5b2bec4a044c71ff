#!/usr/bin/env node
// `npx cors-inspector …`: runs the command line built into dist-cli/ (by `npm ci` through the
// prepare script, `npm run build`, or before packing), so no TypeScript loader starts on every run.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist-cli/cors-inspector.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cors-inspector: the command line is not built yet: run `npm run build:cli` (npm ci and npm run build do it too)\n');
  process.exit(2);
}
const { cli } = await import(bundle.href);
await cli();
