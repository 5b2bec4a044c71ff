/* global URL */
// The linter's packages, re-exported so the root eslint.config.js resolves them (and the TypeScript 6 they
// need) from this workspace's node_modules rather than the project's TypeScript 7.
import { createRequire } from 'node:module';

// npm hoists ts-api-utils (a typescript-eslint dependency) to the root node_modules, because its peer range
// (typescript >= 4.8.4) admits the root's TypeScript 7; there `require('typescript')` would load TypeScript 7,
// which has no JavaScript API. Point that one resolution at this workspace's TypeScript 6 before
// typescript-eslint loads: every CommonJS require of a file goes through the shared require.cache.
const fromHere = createRequire(import.meta.url);
const fromRoot = createRequire(new URL('../../package.json', import.meta.url));
fromHere('typescript');
fromRoot.cache[fromRoot.resolve('typescript')] = fromHere.cache[fromHere.resolve('typescript')];

export const { default: js } = await import('@eslint/js');
export const { default: tseslint } = await import('typescript-eslint');
