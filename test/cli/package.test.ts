// The command line as a user installs it: `npm pack`, the tarball installed in an empty folder,
// `npx cors-inspector` run there against the lab. The package holds the built CLI and nothing
// else, and needs nothing from the registry (no runtime dependency, no install script).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { hopPath } from '../../lab/server';
import { SPAWNS } from './spawn';

const run = (cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> =>
  new Promise((resolve) =>
    execFile(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } }, (e, out, err) =>
      resolve({ code: e ? Number(e.code ?? 1) : 0, out, err }),
    ),
  );

let lab: Lab;
let app = '';
let packed: { filename: string; files: { path: string }[] };
beforeAll(async () => {
  lab = await startLab();
  const dir = mkdtempSync(join(tmpdir(), 'cci-pack-'));
  // dist-cli/ was just built from this source (the `cli` project's globalSetup): no prepack again.
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], process.cwd());
  expect(pack.code, pack.err).toBe(0);
  packed = (JSON.parse(pack.out) as (typeof packed)[])[0]!;
  app = join(dir, 'app');
  mkdirSync(app);
  const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], app);
  expect(install.code, install.err).toBe(0);
  expect(install.err).not.toContain('install-scripts');
}, 4 * SPAWNS);
afterAll(() => lab?.close());

const urlOf = (id: string) => {
  const s = lab.scenarios.find((x) => x.id === id)!;
  return `${s.target === 'same-site' ? lab.sameSiteOrigin : lab.crossSiteOrigin}${hopPath(s, 0)}?run=pack`;
};

describe('the packed command line', { timeout: SPAWNS }, () => {
  it('holds the built CLI, its reference and nothing else (no tests, fixtures or extension)', () => {
    expect(packed.files.map((f) => f.path).sort()).toEqual([
      'README.md',
      'bin/cors-inspector.js',
      'dist-cli/cors-inspector.mjs',
      'docs/cli.md',
      'package.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/cors-credentials-inspector/package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
  });

  it('npx cors-inspector --version prints the package version', async () => {
    const r = await run('npx', ['--no', '--', 'cors-inspector', '--version'], app);
    expect(r.out).toBe(`${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`);
  });

  it('npx cors-inspector check against the lab: exit 0 when Chromium allows, 1 with its sentence when it blocks', async () => {
    const ok = await run('npx', ['--no', '--', 'cors-inspector', 'check', urlOf('control-get-cross-site'), '--origin', lab.pageOrigin], app);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^ALLOWED/);
    const blocked = await run('npx', ['--no', '--', 'cors-inspector', 'check', urlOf('acao-missing'), '--origin', lab.pageOrigin], app);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain("No 'Access-Control-Allow-Origin' header is present on the requested resource.");
  });
});
