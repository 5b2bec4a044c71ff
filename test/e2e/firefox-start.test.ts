// `npm start -- --firefox` end to end, headless as in CI: the lab in Firefox ESR with the extension,
// "Run all", the findings table printed; --once stops Firefox and the lab and exits 0.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { FirefoxObservation } from '../../lab/firefox-oracle';

const fixture = JSON.parse(readFileSync('test/fixtures/firefox.json', 'utf8')) as { scenarios: FirefoxObservation[] };
// Blocked with a reason: the 'net-error' scenario (a broken response) is not listed.
const listed = fixture.scenarios.filter((o) => o.mode === 'broken' && o.blocked && o.kind !== 'net-error').length;

describe('npm start -- --firefox', () => {
  test('prints the findings table for every lab scenario Firefox blocked, then exits', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--firefox', '--once', '--no-build'], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toMatch(/Firefox {9}firefox\/\d+/);
    // The button is on the toolbar from the start (action.default_area), as Firefox reports it.
    expect(output).toMatch(/toolbar +extension pinned/);
    expect(output).toContain(`Ran all ${fixture.scenarios.length / 2} lab scenarios: Firefox blocked ${listed + 1}.`);
    expect(output).toMatch(new RegExp(`\\d+ finding\\(s\\): ${listed} blocked request\\(s\\)`));
    expect(output).toContain('ACAO is * with credentials');
    expect(output).toContain('Stopped Firefox and the lab.');
    expect(code).toBe(0);
  });
});
