// `npm start -- --firefox` end to end. Headless as in CI: the lab in Firefox ESR with the extension,
// "Run all", the findings table printed; --once stops Firefox and the lab and exits 0. With a
// display (Xvfb): what a newcomer sees at once, the button on the toolbar and DevTools on the CORS
// panel, as Firefox reports them (scripts/browser/firefox-devtools.ts); Ctrl+C stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import type { FirefoxObservation } from '../../lab/firefox-oracle';
import { startXvfb } from '../../scripts/browser/webkit';

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

let xvfb: ChildProcess | undefined;
let headed: ChildProcess | undefined;
afterAll(() => {
  // A failed assertion before Ctrl+C: stop the start script (it stops Firefox and the lab), then the display.
  if (headed?.exitCode === null) headed.kill('SIGINT');
  if (xvfb?.pid) process.kill(xvfb.pid, 'SIGTERM');
});

describe('npm start -- --firefox with a display', () => {
  test('opens the lab with the button on the toolbar and DevTools on the CORS panel, then stops on Ctrl+C', async () => {
    const x = await startXvfb('1600x1000x24');
    xvfb = x.proc;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--firefox', '--no-build'], {
      env: { ...process.env, DISPLAY: x.display, WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    headed = child;
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const ready = new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('Press Ctrl+C to stop') && resolve()));
    await Promise.race([ready, exited]);
    expect(output).toMatch(/Firefox {9}firefox\/[\d.]+, with DevTools open/);
    expect(output).toMatch(/toolbar +extension pinned/);
    // Printed only once Firefox's toolbox has the CORS tool selected and the panel's document rendered.
    expect(output).toMatch(/DevTools +on the CORS panel/);
    expect(output).toContain('In the CORS panel: press "Run all"');
    child.kill('SIGINT');
    expect(await exited, output).toBe(0);
    expect(output).toContain('Stopped Firefox and the lab.');
  });
});
