// `npm start` end to end, as in CI: no display, so it runs the lab headless, clicks "Run all",
// prints the extension's findings; then Ctrl+C must stop everything with exit code 0. And with a
// display (Xvfb), what a newcomer sees at once: the toolbar button pinned and DevTools on the
// CORS panel, read from the running browser by a second CDP client.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskPasswords } from '../../src/core/origin';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeSentence, type Observation } from '../../lab/oracle';
import { chromium } from 'playwright-core';
import { cdpTargets } from '../../scripts/browser/devtools-targets';
import { chromiumPath } from '../../scripts/browser/chromium';
import { startXvfb } from '../../scripts/browser/webkit';
import { until } from '../../scripts/browser/worker-rig';
import { clean } from '../../scripts/findings-table';
import type { TabFinding } from '../../src/messages';

const fixture = JSON.parse(readFileSync('test/fixtures/chromium.json', 'utf8')) as {
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: Observation[];
};
// Blocked with a CORS sentence: a 'net-error' scenario (refused before CORS) has none, and no finding.
const failing = fixture.scenarios.filter((o) => o.mode === 'broken' && o.blocked && o.messages.length > 0);

const outDir = mkdtempSync(join(tmpdir(), 'cci-start-'));
let child: ChildProcess | undefined;
let output = '';
let xvfb: ChildProcess | undefined;
/** A display for the headed run: Xvfb ($XVFB_PATH), stopped by its PID after the tests. */
const virtualDisplay = async (): Promise<string> => {
  const x = await startXvfb('1600x1000x24');
  xvfb = x.proc;
  return x.display;
};

afterAll(async () => {
  if (xvfb?.pid) process.kill(xvfb.pid, 'SIGTERM');
  // A failed assertion before Ctrl+C: stop it the same way, and only then force it.
  if (child?.exitCode === null && child.pid) {
    const gone = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGINT');
    const timer = setTimeout(() => process.kill(-child!.pid!, 'SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
  rmSync(outDir, { recursive: true, force: true });
});

function waitFor(pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (pattern.test(output)) resolve();
    };
    child!.stdout!.on('data', check);
    child!.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output}`)));
    check();
  });
}

const refused = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    request(url, () => resolve(false))
      .on('error', () => resolve(true))
      .end();
  });

describe('npm start --headless', () => {
  it('prints every failing lab endpoint with the cause Chromium gives, then stops on Ctrl+C with exit 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, EXTENSION_DIR: outDir, FORCE_COLOR: '0' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    // Debian's /bin/sh (dash), npm's default script shell, dies of SIGINT itself instead of waiting
    // for its child, so npm would report the signal however cleanly the script exits; bash waits,
    // like the shell of a terminal does.
    env.npm_config_script_shell = '/bin/bash';
    // Its own process group, so SIGINT reaches npm, tsx and the script together, as Ctrl+C does.
    child = spawn('npm', ['start', '--', '--headless'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    await waitFor(/Press Ctrl\+C to stop/);

    const { origins, findings } = JSON.parse(readFileSync(/Findings as JSON: (.+)/.exec(output)![1]!.trim(), 'utf8')) as {
      origins: { page: string; sameSite: string; crossSite: string };
      findings: TabFinding[];
    };
    const table = output.split('\n');
    const problems: string[] = [];
    for (const o of failing) {
      const path = `/s/${o.id}/`;
      const found = findings.filter((f) => f.severity === 'error' && f.url.includes(path));
      // A password in the sentence's URL (XHR credentials given to open()) is never kept: masked.
      const chromiumSaid = normalizeSentence(maskPasswords(o.messages[0]!), fixture.origins);
      if (found.length === 0) {
        problems.push(`${o.id}: no finding`);
        continue;
      }
      // The right cause: the extension's message is Chromium's recorded sentence…
      // (a stored sentence longer than 4 KB ends cut, with a marker: compare what was kept)
      const CUT = /… \[[\d,]+ more characters cut\]$/;
      const said = found.map((f) => normalizeSentence(maskPasswords(f.message.replace(CUT, '')), origins));
      const same = (x: string, f: (typeof found)[number]) => x === chromiumSaid || (CUT.test(f.message) && chromiumSaid.startsWith(x));
      if (!said.some((x, i) => same(x, found[i]!)))
        problems.push(`${o.id}: the extension said\n    ${said.join('\n    ')}\n  Chromium said\n    ${chromiumSaid}`);
      // …and the printed table shows that finding's cause next to its URL.
      // (as the table prints it: control characters escaped)
      if (!table.some((l) => l.includes(found[0]!.url) && l.includes(clean(found[0]!.cause)))) problems.push(`${o.id}: no table row with its cause and URL`);
    }
    expect(output).toMatch(/Panel screenshot: .*start-panel\.png/);
    // The Cookies section ran too (third-party cookies blocked, Chromium's default): its findings
    // are printed with their own mark, and none of them is a blocked request.
    expect(output).toMatch(/Ran the \d+ cookie flows: \d+ of \d+ cookies came back/);
    const cookieRows = findings.filter((f) => f.kind === 'cookie');
    expect(cookieRows.length).toBeGreaterThan(5);
    for (const f of cookieRows) {
      expect(f.severity).toBe('warning');
      if (!table.some((l) => /^\d+\s+c /.test(l) && l.includes(f.url) && l.includes(clean(f.cause))))
        problems.push(`cookie ${f.credential?.name}: no table row`);
    }
    const pageUrl = /lab page\s+(\S+)/.exec(output)![1]!;

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited, output).toBe(0);
    expect(await refused(pageUrl)).toBe(true);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

/**
 * The browser as `npm start` finds it (CHROMIUM_PATH), wrapped so that it also listens for a
 * second CDP client on a free loopback port and notes its arguments (the profile directory, where
 * Chromium writes that port to DevToolsActivePort). npm start itself is unchanged.
 */
function observedChromium(dir: string): string {
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$@" > '${dir}/args'\nexec '${chromiumPath()}' --remote-debugging-port=0 "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

describe('npm start with a display', () => {
  it('opens the lab with the extension pinned and DevTools on the CORS panel, then stops on Ctrl+C', async () => {
    const spy = mkdtempSync(join(tmpdir(), 'cci-start-spy-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EXTENSION_DIR: outDir,
      FORCE_COLOR: '0',
      DISPLAY: await virtualDisplay(),
      CHROMIUM_PATH: observedChromium(spy),
    };
    delete env.WAYLAND_DISPLAY;
    env.npm_config_script_shell = '/bin/bash';
    output = '';
    child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    await waitFor(/Press Ctrl\+C to stop/);
    // What the script says it showed…
    expect(output).toMatch(/toolbar +extension pinned/);
    expect(output).toMatch(/DevTools +on the CORS panel/);
    const extensionId = /extension ([a-p]{32})/.exec(output)![1]!;

    // …checked from outside: the running browser's own answers.
    const profile = /^--user-data-dir=(.+)$/m.exec(readFileSync(join(spy, 'args'), 'utf8'))![1]!;
    const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]!;
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const sw = await until(
        async () =>
          browser
            .contexts()[0]!
            .serviceWorkers()
            .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)),
        (w) => w !== undefined,
        "the extension's worker",
      );
      // Chromium's toolbar model answers getUserSettings: isOnToolbar is the pin of the puzzle-piece menu.
      expect(await sw!.evaluate(async () => (await chrome.action.getUserSettings()).isOnToolbar)).toBe(true);
      const cdp = cdpTargets(await browser.newBrowserCDPSession());
      const targets = await cdp.list();
      const panel = targets.find((t) => t.type === 'iframe' && t.url.startsWith(`chrome-extension://${extensionId}/extension/panel/panel.html`));
      // DevTools loads an extension panel's page only once the panel is shown, and a panel that is
      // not the selected one is display: none (no size).
      expect(panel, JSON.stringify(targets.map((t) => [t.type, t.url]))).toBeDefined();
      expect(await cdp.evaluate<number[]>(panel!.targetId, '[innerWidth, innerHeight]')).toSatisfy((wh: number[]) => wh.every((x) => x > 100));
      expect(await cdp.evaluate<string>(panel!.targetId, `document.querySelector('.cors-panel') ? 'rendered' : document.body.innerText`)).toBe('rendered');
      const devtools = targets.find((t) => t.url.startsWith('devtools://devtools/bundled/devtools_app.html'))!;
      mkdirSync('test/artifacts', { recursive: true });
      await cdp.screenshot(devtools.targetId, 'test/artifacts/start-devtools.png');
    } finally {
      await browser.close();
    }

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited, output).toBe(0);
    rmSync(spy, { recursive: true, force: true });
    expect(readdirSync(tmpdir()).filter((d) => profile.endsWith(d))).toEqual([]);
  });
});
