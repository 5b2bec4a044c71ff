// One place that finds Debian's Chromium and the flags every test launch needs on this machine.
import { existsSync } from 'node:fs';

export const INSTALL_HINT = 'Chromium is missing. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // A skipped browser test is a failed one: never skip, fail loudly with the fix.
  if (!existsSync(path)) throw new Error(`${INSTALL_HINT} Looked for ${path}.`);
  return path;
}

/** Flags for a closed network and a root user (see .library env notes). */
export function chromiumArgs(extra: string[] = []): string[] {
  const args = [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
    ...extra,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
