// Typed lint for the whole repository (`npm run lint`). typescript-eslint runs on TypeScript 6 from
// tools/lint/ (see its package.json); `npm run typecheck` stays on the project's TypeScript 7.
import { js, tseslint } from './tools/lint/index.js';

/** Where each part may import from: extension/ -> src/ui -> src/core (INTERNALS.md, "Layers"). */
const polyfillOnlyInPlatform = {
  name: 'webextension-polyfill',
  allowTypeImports: true,
  message: 'Only extension/platform.ts imports webextension-polyfill: go through it.',
};
const layer = (message, ...group) => ({ group, message });
const coreMayNotImport = [
  layer(
    'src/core is the pure validator: no UI, extension or CLI imports.',
    '**/ui/**',
    '**/extension/**',
    '**/cli/**',
    '../../extension/*',
    'preact',
    'preact/*',
    '@preact/*',
  ),
];
const scriptsMayNotImport = [layer('Tools do not depend on tests: move what both need to scripts/browser/.', '**/test/**', '../test/*')];
const uiMayNotImport = [layer('src/ui is the panel without extension APIs: reach extension/ through a prop or a channel.', '**/extension/**', '**/cli/**')];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'tools/lint/node_modules/',
      'dist/',
      'dist-firefox/',
      'dist-cli/',
      'dist-prof/',
      'release/',
      'test/artifacts/',
      'test/fixtures/',
      'test/servers/',
      '**/*.cjs',
      '**/*.mjs',
      'bin/',
      'public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: [polyfillOnlyInPlatform] }],
      // Stripping control characters out of hostile headers and pasted text is the point of those patterns.
      'no-control-regex': 'off',
      // Handlers and channel methods are async by contract (callers await them) even when one answers at once.
      '@typescript-eslint/require-await': 'off',
      // No class here relies on `this`: "methods" are closures in plain objects, and the page hook takes the
      // page's native functions unbound on purpose and calls them with Reflect.apply.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Tests read outputs under test through JSON.parse and match with expect.any(): both are `any` by
    // design, and the expectation itself checks the shape. Calls and arguments stay checked.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
  {
    // Short functions whose names say what they do: a longer one says why, next to it, in its
    // eslint-disable comment. (The page hook is one IIFE, which this rule does not count: it runs in
    // the page and must hold the page's natives in its own closure.)
    files: ['src/**/*.{ts,tsx}', 'extension/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] },
  },
  { files: ['extension/platform.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/core/**'], rules: { 'no-restricted-imports': ['error', { paths: [polyfillOnlyInPlatform], patterns: coreMayNotImport }] } },
  { files: ['scripts/**'], rules: { 'no-restricted-imports': ['error', { paths: [polyfillOnlyInPlatform], patterns: scriptsMayNotImport }] } },
  { files: ['src/ui/**'], rules: { 'no-restricted-imports': ['error', { paths: [polyfillOnlyInPlatform], patterns: uiMayNotImport }] } },
);
