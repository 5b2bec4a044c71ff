// `npm start` finds the browser a newcomer already has, and says the one command when there is none.
// Each case runs on a fake PATH and a fake environment: nothing is uninstalled.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser, installHint } from '../../scripts/browser/find';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
/** A directory holding empty files with these names. */
function binDir(...names: string[]): string {
  const d = mkdtempSync(join(tmpdir(), 'find-browser-'));
  dirs.push(d);
  for (const n of names) writeFileSync(join(d, n), '');
  return d;
}
const EMPTY = { PATH: '' };

describe('finding the browser for npm start', () => {
  it('takes CHROMIUM_PATH / FIREFOX_PATH first, and does not fall back when it names a missing file', () => {
    const d = binDir('my-chrome', 'chromium');
    expect(findBrowser('chromium', { CHROMIUM_PATH: join(d, 'my-chrome'), PATH: d }, 'linux')).toBe(join(d, 'my-chrome'));
    expect(findBrowser('chromium', { CHROMIUM_PATH: join(d, 'gone'), PATH: d }, 'linux')).toBeUndefined();
    expect(findBrowser('firefox', { FIREFOX_PATH: join(d, 'my-chrome') }, 'linux')).toBe(join(d, 'my-chrome'));
  });

  it('finds Chromium, Edge, Brave or Chrome on PATH, Chromium first', () => {
    const d = binDir('google-chrome', 'brave-browser', 'chromium');
    expect(findBrowser('chromium', { PATH: d }, 'linux')).toBe(join(d, 'chromium'));
    const e = binDir('google-chrome', 'microsoft-edge');
    expect(findBrowser('chromium', { PATH: e }, 'linux')).toBe(join(e, 'microsoft-edge'));
    const w = binDir('brave-browser.exe');
    expect(findBrowser('chromium', { PATH: w }, 'win32')).toBe(join(w, 'brave-browser.exe'));
  });

  it("finds a Windows install under Program Files or LocalAppData by the browser's own layout", () => {
    const root = binDir();
    const exe = join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe');
    mkdirSync(join(root, 'Microsoft', 'Edge', 'Application'), { recursive: true });
    writeFileSync(exe, '');
    expect(findBrowser('chromium', { PATH: '', LOCALAPPDATA: root }, 'win32')).toBe(exe);
  });

  it('finds nothing on an empty PATH where no usual place holds one, and says the one command for each system', () => {
    expect(findBrowser('chromium', EMPTY, 'aix')).toBeUndefined();
    expect(findBrowser('firefox', EMPTY, 'aix')).toBeUndefined();
    expect(installHint('chromium', 'linux')).toBe(
      "No Chromium (or Chrome, Edge, Brave) found. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH to the browser's path).",
    );
    expect(installHint('chromium', 'darwin')).toContain('brew install --cask chromium');
    expect(installHint('firefox', 'win32')).toContain('winget install Mozilla.Firefox');
    expect(installHint('firefox', 'linux')).toContain('FIREFOX_PATH');
  });
});
