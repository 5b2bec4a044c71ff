import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    reporters: ['default', './test/no-skips-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'] },
      },
      {
        // The command line: dist-cli/ is built from the current source before these files run.
        extends: true,
        test: { name: 'cli', include: ['test/cli/**/*.test.ts'], globalSetup: ['test/cli/build-cli.ts'] },
      },
      {
        // Real Chromium: one file at a time on a 2-core machine, with room for slow starts.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Real servers (Node apps, Debian packages) behind Chromium. Without parallelism (and with
        // the default groupOrder) vitest queues these files with the browser project's, one at a
        // time, so two Chromiums never share the 2 cores.
        extends: true,
        test: {
          name: 'servers',
          include: ['test/servers/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
