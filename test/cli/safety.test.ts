// The command line against servers it does not control: credentials on redirects (curl's rule),
// a server that trickles its answer, hostile bytes in --json, a reader that closes the pipe, and
// --try. Real local servers on two loopback hosts (127.0.0.1 and 127.0.0.2: another host).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/cli/check';
import { PROBE_APP, startProbeServers, type ProbeServers, type Seen } from './probe-server';
import { cli, oneLine, SPAWNS } from './spawn';

const APP = PROBE_APP;
let servers: ProbeServers;
let A = '';
let B = '';
let T = '';
const seen: Seen[] = [];
beforeAll(async () => {
  servers = await startProbeServers(seen);
  ({ A, B, T } = servers);
}, SPAWNS);
afterAll(() => servers?.close());

const SECRETS = [
  { name: 'Cookie', value: 'sid=COOKIE-SECRET' },
  { name: 'X-Api-Key', value: 'KEY-SECRET' },
  { name: 'Authorization', value: 'Bearer AUTH-SECRET' },
  { name: 'X-Custom', value: 'CUSTOM-SECRET' },
];
const probe = (path: string, more: Partial<Parameters<typeof check>[0]> = {}) =>
  check({ url: `${A}${path}?n=${seen.length}`, origin: APP, method: 'GET', headers: SECRETS, credentials: 'include', timeoutMs: 5000, ...more });
const landing = (host: string): Seen => seen.filter((s) => s.host === host && s.method === 'GET' && s.url.startsWith('/landing')).at(-1)!;

describe("credentials on redirects: curl's rule", () => {
  it('a redirect to another host gets no Cookie and no credential-named header, and says so in one note', async () => {
    const r = await probe('/cross', { credentialHeaders: ['x-custom'] });
    const got = landing(B).headers;
    expect(got.cookie).toBeUndefined();
    expect(got['x-api-key']).toBeUndefined();
    expect(got['x-custom']).toBeUndefined();
    expect(got.authorization).toBeUndefined();
    expect(r.notes).toEqual([`Cookie, X-Api-Key, X-Custom not sent to ${B}: the redirect left ${A} (--location-trusted sends them)`]);
    // The first host had them all; the record (what the page sent) still names them.
    const first = seen.filter((s) => s.host === A && s.url.startsWith('/cross') && s.method === 'GET').at(-1)!.headers;
    expect([first.cookie, first['x-api-key'], first['x-custom'], first.authorization]).toEqual([
      'sid=COOKIE-SECRET',
      'KEY-SECRET',
      'CUSTOM-SECRET',
      'Bearer AUTH-SECRET',
    ]);
    expect(r.record.requestHeaders.map((h) => h.name)).toEqual(SECRETS.map((h) => h.name));
  });

  it('an unmarked header with an ordinary name still follows the redirect', async () => {
    await probe('/cross');
    expect(landing(B).headers['x-custom']).toBe('CUSTOM-SECRET');
  });

  it('--location-trusted sends them on; Authorization still goes, as Fetch drops it across origins', async () => {
    const r = await probe('/cross', { locationTrusted: true });
    const got = landing(B).headers;
    expect([got.cookie, got['x-api-key']]).toEqual(['sid=COOKIE-SECRET', 'KEY-SECRET']);
    // Fetch §4.4 HTTP-redirect fetch: Authorization is removed once another origin is seen.
    expect(got.authorization).toBeUndefined();
    expect(r.notes).toEqual([]);
  });

  it('a redirect on the same origin keeps every header', async () => {
    const r = await probe('/same');
    const got = landing(A).headers;
    expect([got.cookie, got['x-api-key'], got.authorization]).toEqual(['sid=COOKIE-SECRET', 'KEY-SECRET', 'Bearer AUTH-SECRET']);
    expect(r.notes).toEqual([]);
  });

  it(
    'the command prints the note and never the values',
    async () => {
      const r = await cli(['check', `${A}/cross`, '--origin', APP, '--header', 'Cookie: sid=COOKIE-SECRET', '--header', 'X-Api-Key: KEY-SECRET']);
      expect(r.out).toContain(`note: Cookie, X-Api-Key not sent to ${B}`);
      expect(r.out).not.toMatch(/SECRET/);
      const json = JSON.parse((await cli(['check', `${A}/cross`, '--origin', APP, '--header', 'Cookie: sid=COOKIE-SECRET', '--json'])).out) as {
        notes: string[];
      };
      expect(json.notes).toEqual([`Cookie not sent to ${B}: the redirect left ${A} (--location-trusted sends them)`]);
    },
    SPAWNS,
  );
});

describe('--timeout bounds the whole probe', { timeout: SPAWNS }, () => {
  it('a server that trickles its head a byte at a time: exit 2 and one line (check and audit)', async () => {
    for (const command of ['check', 'audit']) {
      const r = await cli([command, `${T}/`, '--origin', APP, '--timeout', '0.5']);
      oneLine(r);
      expect(r.err).toContain('within 500 ms');
    }
  });
});

describe('output safety', { timeout: SPAWNS }, () => {
  const RAW = /[\u0080-\u009f\u2028\u2029\u202a-\u202e]/;

  it('--json escapes NEL, bidi overrides and U+2028 from a header value; the parsed value keeps them', async () => {
    const r = await cli(['check', `${A}/hostile`, '--origin', APP, '--json']);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain('\\u202e');
    const hint = (JSON.parse(r.out) as { findings: { hint: string }[] }).findings[0]!.hint;
    expect(hint).toContain('\u0085\u202e\u2028');
  });

  it('the text output shows them as visible markers, never as a line break', async () => {
    const r = await cli(['check', `${A}/hostile`, '--origin', APP]);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain('⟨U+202E⟩');
    expect(r.out).toContain('⟨U+2028⟩');
  });

  it('har --json and text on a HAR holding them in a header and in the error text', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cci-hostile-')), 'x.har');
    const entry = {
      request: {
        method: 'GET',
        url: 'https://api.example/x',
        headers: [
          { name: 'Origin', value: APP },
          { name: 'Cookie', value: 'a=1' },
        ],
      },
      response: {
        status: 200,
        headers: [{ name: 'Access-Control-Allow-Origin', value: `${APP}\u2028\u202e\u0085\u001b[2J` }],
        _error: 'CORS error\u2029\u009b',
      },
      _resourceType: 'fetch',
    };
    writeFileSync(file, JSON.stringify({ log: { entries: [entry] } }));
    for (const extra of [[], ['--json']]) {
      const r = await cli(['har', file, ...extra]);
      expect(r.code).toBe(1);
      expect(r.out).not.toMatch(RAW);
      expect(r.out).not.toContain('\u001b');
    }
  });

  it('a reader that closes the pipe early: no stack trace, the status the command would have had', async () => {
    // Far more than a pipe holds (64 KiB): the write fails with EPIPE once `head` is gone.
    const status = await new Promise<string>((resolve) =>
      execFile(
        'bash',
        [
          '-c',
          'node bin/cors-inspector.js har test/fixtures/har/lab-chromium.har --json 2>"$0" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"',
          '/tmp/cci-epipe.err',
        ],
        (_e, out) => resolve(out.trim()),
      ),
    );
    expect(status).toBe('1');
    expect(readFileSync('/tmp/cci-epipe.err', 'utf8')).toBe('');
  });
});

describe('check --try', { timeout: SPAWNS }, () => {
  const fix = ['--try', `Access-Control-Allow-Origin: ${APP}`, '--try', 'Access-Control-Allow-Credentials: true'];

  it('the probe as served, then with the lines set on every answer: exit 0 when they make it pass', async () => {
    const r = await cli(['check', `${A}/bare`, '--origin', APP, ...fix]);
    expect(r.code).toBe(0);
    const tried = r.out.indexOf('With 2 --try line(s)');
    expect(r.out.slice(0, tried)).toMatch(/^BLOCKED/);
    expect(r.out.slice(tried)).toMatch(/\nALLOWED/);
  });

  it('exit 1 when the lines are not enough; --json carries both verdicts', async () => {
    const r = await cli(['check', `${A}/bare`, '--origin', APP, '--try', `Access-Control-Allow-Origin: ${APP}`, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { verdict: string; try: { lines: string[]; verdict: string; findings: { rule: string }[] } };
    expect(json.verdict).toBe('blocked');
    expect(json.try.lines).toEqual([`Access-Control-Allow-Origin: ${APP}`]);
    expect(json.try.verdict).toBe('blocked');
    expect(json.try.findings[0]!.rule).toBe('allow-credentials');
  });

  it('a --try line replaces what the server sent under that name', async () => {
    const r = await probe('/exact', {
      origin: 'https://evil.example',
      headers: [],
      patch: [
        { name: 'Access-Control-Allow-Origin', value: 'https://evil.example' },
        { name: 'Access-Control-Allow-Credentials', value: 'true' },
      ],
    });
    expect(r.blocked).toBe(false);
    expect(r.record.hops[0]!.response!.headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin')).toHaveLength(1);
  });
});
