// The built command (test/cli/spawn.ts): exit codes,
// --json, terminal vs piped output, redaction, and bad input, each ending in one line and exit 2.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { hopPath } from '../../lab/server';
import { firstOrigin } from './lab-check';
import { check } from '../../src/cli/check';
import { MASK } from '../../src/core/redact';
import { cli, oneLine, SPAWNS } from './spawn';

/** The same command on a pseudo-terminal (util-linux `script`), for the terminal output. */
async function onTty(args: string[], env: Record<string, string> = {}): Promise<string> {
  const cmd = [process.execPath, 'bin/cors-inspector.js', ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  // Asynchronous: the lab answering the command runs in this process.
  const p = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env } });
  let out = '';
  p.stdout.on('data', (d) => (out += String(d)));
  await new Promise((r) => p.on('close', r));
  return out;
}

let lab: Lab;
let raw: Server;
let rawOrigin = '';
const sockets = new Set<Socket>();
let silent: ReturnType<typeof createTcpServer>;
let silentOrigin = '';
beforeAll(async () => {
  lab = await startLab();
  // /huge: a 300 KB header, beyond Chromium's 256 KiB; /secret: a Set-Cookie and a token in the URL.
  raw = createServer((req, res) => {
    if (req.url?.startsWith('/huge')) res.writeHead(200, { 'X-Big': 'a'.repeat(300 * 1024) });
    else if (req.url?.startsWith('/loop')) res.writeHead(302, { Location: '/loop', 'Access-Control-Allow-Origin': '*' });
    else res.writeHead(200, { 'Set-Cookie': 'sid=SECRET-COOKIE; HttpOnly', 'Access-Control-Allow-Origin': '*' });
    res.end();
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  rawOrigin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  // Accepts connections and never answers: the timeout.
  silent = createTcpServer((s) => sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentOrigin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
}, SPAWNS);
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent?.close(r));
  raw?.closeAllConnections();
  await new Promise((r) => raw?.close(r));
  await lab?.close();
});

const urlOf = (id: string) => {
  const s = lab.scenarios.find((x) => x.id === id)!;
  return `${firstOrigin(lab, s)}${hopPath(s, 0)}?run=cli`;
};

describe('cors-inspector check', { timeout: SPAWNS }, () => {
  it('exits 0 when Chromium would allow the request', async () => {
    const r = await cli(['check', urlOf('control-get-cross-site'), '--origin', lab.pageOrigin]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ALLOWED/);
    expect(r.err).toBe('');
  });

  it("exits 1 when it would block, with Chromium's sentence, the explanation and the fix", async () => {
    const url = urlOf('preflight-401-with-cors');
    const r = await cli(['check', url, '--origin', lab.pageOrigin, '--header', 'Authorization: Bearer SECRET-TOKEN', '--stack', 'express']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^BLOCKED/);
    expect(r.out).toContain(
      `Chromium says: Access to fetch at '${url}' from origin '${lab.pageOrigin}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check`,
    );
    expect(r.out).toContain('status 401 → 204');
    expect(r.out).toContain('express:');
    expect(r.out).not.toContain('SECRET-TOKEN');
  });

  it("--browser webkit prints WebKit's two lines as WebKitGTK recorded them; a wrong engine is one line and exit 2", async () => {
    const url = urlOf('acao-wildcard');
    const wk = JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as { scenarios: { id: string; mode: string; messages: string[] }[] };
    const recorded = wk.scenarios.find((s) => s.id === 'acao-wildcard' && s.mode === 'broken')!.messages[0]!;
    const r = await cli(['check', url, '--origin', lab.pageOrigin, '--browser', 'webkit', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { findings: { message: string; loadError?: string }[] };
    expect(out.findings[0]!.message).toBe(recorded);
    expect(out.findings[0]!.loadError).toBe(`Fetch API cannot load ${url} due to access control checks.`);
    const text = await cli(['check', url, '--origin', lab.pageOrigin, '--browser', 'webkit']);
    expect(text.out).toContain(`WebKit (Safari) says: ${recorded}`);
    const bad = await cli(['check', url, '--origin', lab.pageOrigin, '--browser', 'safari']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("cors-inspector: --browser is chromium, firefox or webkit, not 'safari' (see --help)\n");
  });

  it('prints every response of the fix plan, in order', async () => {
    const url = urlOf('redirect-307-put');
    const args = {
      url,
      origin: lab.pageOrigin,
      method: 'PUT',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      credentials: 'include' as const,
      timeoutMs: 5000,
    };
    const steps = (await check(args)).findings[0]!.fix.steps;
    expect(steps.length).toBeGreaterThan(1);
    const r = await cli(['check', url, '--origin', lab.pageOrigin, '--method', 'PUT', '--header', 'Content-Type: application/json']);
    expect(r.code).toBe(1);
    const fix = r.out.slice(r.out.indexOf(`Fix (${steps.length} responses, apply all):`));
    expect(fix).not.toBe(r.out);
    let at = 0;
    steps.forEach((step, i) => {
      at = fix.indexOf(`${i + 1}. On `, at);
      expect(at, `step ${i + 1}`).toBeGreaterThan(-1);
      for (const line of step.headers) {
        at = fix.indexOf(line, at);
        expect(at, line).toBeGreaterThan(-1);
      }
    });
  });

  it('--strict makes a warning exit 1', async () => {
    const args = ['check', urlOf('control-no-vary'), '--origin', lab.pageOrigin];
    const plain = await cli(args);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('Vary: Origin');
    expect((await cli([...args, '--strict'])).code).toBe(1);
  });

  it('--json prints { verdict, findings } in the message API shape, redacted', async () => {
    const r = await cli(['check', urlOf('acac-missing'), '--origin', lab.pageOrigin, '--header', 'Cookie: sid=SECRET-COOKIE', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { verdict: string; findings: Record<string, unknown>[] };
    expect(json.verdict).toBe('blocked');
    const f = json.findings[0]!;
    for (const key of [
      'rule',
      'code',
      'stage',
      'severity',
      'hop',
      'url',
      'hint',
      'cause',
      'message',
      'explanation',
      'fix',
      'method',
      'credentials',
      'credentialed',
      'initiator',
      'status',
      'record',
    ])
      expect(f, key).toHaveProperty(key);
    expect(f.rule).toBe('allow-credentials');
    expect(f.credentialed).toBe(true);
    expect(r.out).not.toContain('SECRET-COOKIE');
    expect(JSON.stringify(f.record)).toContain(MASK);
    // No per-stack snippets unless a stack is asked for: then that one, rendered from the spec.
    expect(f.fix).not.toHaveProperty('snippets');
    expect(f.fix).not.toHaveProperty('snippet');
    const withStack = JSON.parse((await cli(['check', urlOf('acac-missing'), '--origin', lab.pageOrigin, '--json', '--stack', 'nginx'])).out) as {
      findings: { fix: { snippet: string } }[];
    };
    expect(withStack.findings[0]!.fix.snippet).toContain('add_header Access-Control-Allow-Credentials');
    const allowed = JSON.parse((await cli(['check', urlOf('control-get-cross-site'), '--origin', lab.pageOrigin, '--json'])).out);
    expect(allowed).toEqual({ verdict: 'allowed', findings: [] });
  });

  it('never prints a Set-Cookie value or a credential in the URL', async () => {
    const r = await cli(['check', `${rawOrigin}/secret?access_token=SECRET-QUERY`, '--origin', 'https://app.example', '--credentials', 'omit']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/SECRET/);
    expect(r.out).toContain('access_token=REDACTED');
  });

  it('piped: plain text, no colour, hops as lines', async () => {
    const r = await cli(['check', urlOf('acao-missing'), '--origin', lab.pageOrigin]);
    expect(r.out).not.toContain('\x1b[');
    expect(r.out).toMatch(/^ {2}hop 0 GET 200 /m);
  });

  it('on a terminal: colour and a compact table; NO_COLOR keeps the table, drops the colour', async () => {
    const args = ['check', urlOf('acao-missing'), '--origin', lab.pageOrigin];
    const tty = await onTty(args);
    expect(tty).toContain('\x1b[31m');
    expect(tty).toMatch(/HOP\s+METHOD\s+STATUS\s+URL/);
    const noColor = await onTty(args, { NO_COLOR: '1' });
    expect(noColor).not.toContain('\x1b[');
    expect(noColor).toMatch(/HOP\s+METHOD\s+STATUS\s+URL/);
  });
});

describe('usage and network errors: one line, exit 2', { timeout: SPAWNS }, () => {
  it('usage mistakes', async () => {
    oneLine(await cli(['check', 'https://api.example/']));
    oneLine(await cli(['check', 'https://api.example/', '--origin', 'https://app.example/']));
    oneLine(await cli(['check', 'ftp://api.example/', '--origin', 'https://app.example']));
    oneLine(await cli(['check', 'https://api.example/', '--origin', 'https://app.example', '--header', 'no colon']));
    oneLine(await cli(['check', 'https://api.example/', '--origin', 'https://app.example', '--stack', 'cobol']));
    oneLine(await cli(['check', 'https://api.example/', '--origin', 'https://app.example', '--bogus']));
    oneLine(await cli(['frobnicate', 'x']));
    oneLine(await cli(['check', 'https://u:p@api.example/', '--origin', 'https://app.example']));
    oneLine(await cli(['audit', 'https://api.example/', '--origin', 'null']));
    oneLine(await cli(['check', 'https://api.example/', '--origin', 'https://app.example', '--timeout', '-1']));
  });

  it('a refused connection', async () => {
    const closed = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const r = await cli(['check', `http://127.0.0.1:${port}/`, '--origin', 'https://app.example']);
    oneLine(r);
    expect(r.err).toContain('connection refused');
  });

  it('an unknown host', async () => {
    const r = await cli(['check', 'http://no-such-host.invalid/', '--origin', 'https://app.example']);
    oneLine(r);
    expect(r.err).toContain('DNS');
  });

  it('a server that never answers, with --timeout', async () => {
    const r = await cli(['check', `${silentOrigin}/`, '--origin', 'https://app.example', '--timeout', '0.3']);
    oneLine(r);
    expect(r.err).toContain('within 300 ms');
  });

  it('a TLS certificate the system does not trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cci-tls-'));
    // A throwaway self-signed certificate for 127.0.0.1 (openssl from the OS).
    await new Promise<void>((resolve, reject) =>
      execFile(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        (err) => (err ? reject(new Error(err.message)) : resolve()),
      ),
    );
    const tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end());
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const r = await cli(['check', `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`, '--origin', 'https://app.example']);
      oneLine(r);
      expect(r.err).toContain('TLS');
    } finally {
      tls.closeAllConnections();
      await new Promise((r) => tls.close(r));
    }
  });

  it('a redirect loop (the browser gives up after 20 redirects)', async () => {
    const r = await cli(['check', `${rawOrigin}/loop`, '--origin', 'https://app.example', '--credentials', 'omit']);
    oneLine(r);
    expect(r.err).toContain('more than 20 redirects');
  });

  it('a response header larger than Chromium accepts', async () => {
    const r = await cli(['check', `${rawOrigin}/huge`, '--origin', 'https://app.example']);
    oneLine(r);
    expect(r.err).toContain('invalid HTTP response');
  });
});

describe('cors-inspector har and --help', { timeout: SPAWNS }, () => {
  it('re-diagnoses the recorded HAR: exit 1, the sentences, nothing secret', async () => {
    const r = await cli(['har', 'test/fixtures/har/lab-chromium.har']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^\d+ request\(s\) failed CORS/);
    expect(r.out).toContain("has been blocked by CORS policy: Response to preflight request doesn't pass access control check");
    const json = JSON.parse((await cli(['har', 'test/fixtures/har/lab-chromium.har', '--json'])).out) as { requests: { verdict: string }[] };
    expect(json.requests.length).toBeGreaterThan(20);
    expect(json.requests.every((x) => x.verdict === 'blocked')).toBe(true);
  });

  it('redacts a HAR with secrets: cookies, authorization, userinfo and token query values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cci-har-'));
    const url = 'https://user:SECRET-PASS@api.example/me?access_token=SECRET-QUERY';
    const entry = {
      request: {
        method: 'GET',
        url,
        headers: [
          { name: 'Origin', value: 'https://app.example' },
          { name: 'Cookie', value: 'sid=SECRET-COOKIE' },
          { name: 'Authorization', value: 'Bearer SECRET-AUTH' },
        ],
      },
      response: {
        status: 200,
        headers: [
          { name: 'Set-Cookie', value: 'sid=SECRET-SET' },
          { name: 'Access-Control-Allow-Origin', value: '*' },
        ],
        _error: 'net::ERR_FAILED',
      },
      _resourceType: 'fetch',
    };
    writeFileSync(join(dir, 'x.har'), JSON.stringify({ log: { entries: [entry] } }));
    for (const extra of [[], ['--json']]) {
      const r = await cli(['har', join(dir, 'x.har'), ...extra]);
      expect(r.code).toBe(1);
      expect(r.out).toContain('wildcard');
      expect(r.out).not.toMatch(/SECRET/);
      expect(r.out).toContain('access_token=REDACTED');
    }
  });

  it('malformed or missing HAR: one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cci-har-'));
    writeFileSync(join(dir, 'bad.har'), '{"log": [');
    oneLine(await cli(['har', join(dir, 'bad.har')]));
    oneLine(await cli(['har', join(dir, 'missing.har')]));
    oneLine(await cli(['har', dir]));
  });

  it('says how to build it when the bundle is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cci-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync('bin/cors-inspector.js', join(dir, 'bin', 'cors-inspector.js'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const p = spawnSync(process.execPath, [join(dir, 'bin', 'cors-inspector.js'), '--help'], { encoding: 'utf8' });
    oneLine({ code: p.status, out: p.stdout, err: p.stderr });
    expect(p.stderr).toContain('npm run build:cli');
  });

  it('--help: usage, exit codes and examples, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const s of ['check URL --origin ORIGIN', 'audit URL', 'har FILE', 'Exit status', 'Examples']) expect(r.out).toContain(s);
  });

  it('--version and -V: the package version, exit 0', async () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('audit exits 1 on a hole', async () => {
    const r = await cli(['audit', urlOf('acao-wildcard'), '--origin', lab.pageOrigin]);
    // ACAO '*' with credentials lets no origin read: the browser refuses it, so no hole.
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NO HOLE/);
  });
});
