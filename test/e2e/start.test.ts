// `npm start` end to end, as in CI: no display, so it runs the lab headless, clicks "Run all",
// prints the extension's findings; then Ctrl+C must stop everything with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskPasswords } from '../../src/core/origin';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeSentence, type Observation } from '../../lab/oracle';
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

afterAll(async () => {
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
