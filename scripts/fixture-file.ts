// What the three recorders (`npm run record`, `record:firefox`, `record:webkit`) share: the fixture
// file's shape, its summary line, and failing the run when the lab disagrees with the browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Lab } from '../lab/index';

/**
 * Writes `{ [engine]: version, recordedAt, origins, scenarios }` to `out` and prints one summary
 * line. `label` names the browser in that line (e.g. "Chromium 156.0…").
 */
export function writeFixture(out: string, engine: string, version: string, label: string, lab: Lab, scenarios: unknown[], started: number): void {
  const fixture = {
    [engine]: version,
    recordedAt: new Date().toISOString(),
    origins: { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin },
    scenarios,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(
    `\n${label}: ${scenarios.length} runs (${lab.scenarios.length} scenarios, broken + fixed) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${out}`,
  );
}

/** Exits 1, listing them, when the lab and the browser disagree. */
export function exitOnProblems(problems: string[], browser: string): void {
  if (problems.length === 0) return;
  console.error(`\nThe lab disagrees with ${browser}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

/** Runs a recorder's main; any error exits 1. */
export function runRecorder(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
