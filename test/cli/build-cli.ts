// vitest globalSetup of the `cli` project: the command-line tests spawn bin/cors-inspector.js,
// which runs dist-cli/; building it first (about a second) means they test the current source,
// never a bundle left from an older checkout.
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.cli.config.ts', logLevel: 'warn' });
}
