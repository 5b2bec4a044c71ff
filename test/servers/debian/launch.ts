// Starts one Debian-packaged server from a config "bundle" (one text holding every file of the
// site, so a snippet can be pasted into it like into any config), as root, in the foreground, on
// 127.0.0.1, with every file in a temp dir; stopped by PID (test/servers/harness.ts startProcess).
//
// A bundle is the files' texts, each opened by a line `#### file: <path>`. In the texts,
// {{PORT}} and {{DIR}} are filled at start; everything else runs as written.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, type Proc } from '../harness';

export type DebStack = 'nginx' | 'apache' | 'caddy' | 'django' | 'flask' | 'fastapi' | 'rails' | 'go';

/** Debian's interpreter: python3-django & co. live in its dist-packages, not in a pyenv/venv python. */
export const PYTHON = '/usr/bin/python3';
/** Where Debian's Go library packages put their sources (golang-github-rs-cors-dev). */
export const GOPATH = '/usr/share/gocode';
const GOCACHE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../node_modules/.cache/cci-go-build');

const FILE = /^#### file: (\S+)$/;

/** The bundle's files: path → text. */
export function files(bundle: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const flush = () => name !== undefined && out.set(name, `${lines.join('\n').replace(/\n+$/, '')}\n`);
  for (const line of bundle.split('\n')) {
    const m = FILE.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    flush();
    name = m[1]!;
    lines = [];
  }
  flush();
  return out;
}

/** Apache modules a config loads with LoadModule lines (Debian's mods-enabled/*.load form). */
export function loadedModules(text: string): string[] {
  return [...text.matchAll(/^\s*LoadModule\s+(\w+)_module\s/gm)].map((m) => m[1]!);
}

/** `LoadModule` for each module a snippet says to `a2enmod` that the config does not load yet. */
export function a2enmod(config: string, snippet: string): string {
  const said = /a2enmod ((?:[a-z_]+ ?)+)/.exec(snippet)?.[1]?.trim().split(' ') ?? [];
  const have = new Set(loadedModules(config));
  return said.filter((m) => !have.has(m)).map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
}

/** Per stack: the Debian packages, and a command that fails unless they are installed. */
const NEEDS: Record<DebStack, { packages: string; probe: [string, ...string[]] }> = {
  nginx: { packages: 'nginx', probe: ['/usr/sbin/nginx', '-v'] },
  apache: { packages: 'apache2', probe: ['/usr/sbin/apache2', '-v'] },
  caddy: { packages: 'caddy', probe: ['/usr/bin/caddy', 'version'] },
  django: { packages: 'python3-django python3-django-cors-headers', probe: [PYTHON, '-c', 'import django, corsheaders'] },
  flask: { packages: 'python3-flask python3-flask-cors', probe: [PYTHON, '-c', 'import flask, flask_cors'] },
  fastapi: { packages: 'python3-fastapi python3-uvicorn', probe: [PYTHON, '-c', 'import fastapi, uvicorn'] },
  rails: { packages: 'ruby-rails ruby-rack-cors puma', probe: ['/usr/bin/ruby', '-e', 'require "action_controller/railtie"; require "rack/cors"; require "puma"'] },
  go: { packages: 'golang-go golang-github-rs-cors-dev', probe: ['/usr/bin/go', 'list', 'github.com/rs/cors'] },
};

/** A missing package fails the test with the command that installs it (never a skip). */
export function requirePackages(stack: DebStack): void {
  const { packages, probe } = NEEDS[stack];
  try {
    execFileSync(probe[0], probe.slice(1), { env: { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '' }, stdio: 'ignore' });
  } catch (e) {
    throw new Error(`${stack}: \`${probe.join(' ')}\` failed (${(e as Error).message.split('\n')[0]}). Install with: apt-get install -y ${packages}`);
  }
}

function command(stack: DebStack, dir: string, port: number): { command: string; args: string[]; env?: Record<string, string> } {
  switch (stack) {
    case 'nginx':
      // One process (no master/worker split), so the PID we hold is the server.
      return { command: '/usr/sbin/nginx', args: ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', `daemon off; master_process off; pid ${dir}/nginx.pid;`] };
    case 'apache':
      // Run as root, apache2 drops to the config's User (www-data) for its children.
      return { command: '/usr/sbin/apache2', args: ['-d', dir, '-f', join(dir, 'httpd.conf'), '-DFOREGROUND'] };
    case 'caddy':
      return { command: '/usr/bin/caddy', args: ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], env: { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_DATA_HOME: join(dir, '.data') } };
    case 'django':
      return { command: PYTHON, args: ['-m', 'django', 'runserver', `127.0.0.1:${port}`, '--noreload', '--settings=settings'], env: { PYTHONPATH: dir } };
    case 'flask':
      return { command: PYTHON, args: [join(dir, 'app.py')] };
    case 'fastapi':
      return { command: PYTHON, args: ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', String(port), '--app-dir', dir] };
    case 'rails':
      return { command: '/usr/bin/puma', args: ['-b', `tcp://127.0.0.1:${port}`, '-t', '1:4', join(dir, 'config.ru')], env: { RAILS_ENV: 'development' } };
    case 'go':
      return { command: join(dir, 'server'), args: [] };
  }
}

/** Writes the bundle's files under `dir`, {{PORT}} and {{DIR}} filled in. */
export function writeBundle(bundle: string, dir: string, port: number): void {
  for (const [path, text] of files(bundle)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, text.replaceAll('{{PORT}}', String(port)).replaceAll('{{DIR}}', dir), { mode: 0o644 });
  }
}

export interface DebServer {
  start(bundle: string): Promise<Proc>;
  /** Removes every temp dir this server made. */
  cleanup(): void;
}

/** A launcher for one stack: each start writes the bundle into a fresh temp dir and runs it. */
export function debServer(stack: DebStack): DebServer {
  requirePackages(stack);
  const dirs: string[] = [];
  return {
    async start(bundle) {
      const dir = mkdtempSync(join(tmpdir(), `cci-${stack}-`));
      dirs.push(dir);
      // apache2's children run as www-data and read htpasswd / DocumentRoot files.
      chmodSync(dir, 0o755);
      const port = await freePort();
      writeBundle(bundle, dir, port);
      if (stack === 'go') build(dir);
      const c = command(stack, dir, port);
      return startProcess({ ...c, cwd: dir, port, env: { PYTHONDONTWRITEBYTECODE: '1', ...c.env } });
    },
    cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** `go build` offline: GOPATH mode against Debian's packaged sources, no module download. */
function build(dir: string): void {
  mkdirSync(GOCACHE, { recursive: true });
  try {
    execFileSync('/usr/bin/go', ['build', '-o', join(dir, 'server'), join(dir, 'main.go')], {
      cwd: dir,
      env: { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOCACHE, GOPROXY: 'off', CGO_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`go build failed:\n${err.stderr?.toString() ?? String(e)}`);
  }
}
