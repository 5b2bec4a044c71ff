// `check --config FILE`: many cases in one run, one summary, exit 1 when a contract breaks, a JUnit
// report beside the output; mistakes in the file are one line and exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junitXml } from '../../src/cli/contract';
import { PROBE_APP as APP, startProbeServers, type ProbeServers, type Seen } from './probe-server';
import { cli, oneLine, SPAWNS } from './spawn';

const EVIL = 'https://evil.example';
const seen: Seen[] = [];
let servers: ProbeServers;
let dir = '';
beforeAll(async () => {
  servers = await startProbeServers(seen);
  dir = mkdtempSync(join(tmpdir(), 'cci-config-'));
}, SPAWNS);
afterAll(() => servers?.close());

const file = (name: string, config: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
};

/** The contract of /exact: the app reads it, another origin does not. */
const exact = () => ({ name: 'profile', url: `${servers.A}/exact`, origins: [APP], expect: 'allowed' });
const refused = () => ({ url: `${servers.A}/exact`, origin: EVIL, expect: 'blocked' });

describe('check --config', { timeout: SPAWNS }, () => {
  it('every case keeps its contract: exit 0, one line each and one summary', async () => {
    const r = await cli(['check', '--config', file('ok.json', { endpoints: [exact(), refused()] })]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`✓ profile: GET ${servers.A}/exact from ${APP}: allowed`);
    expect(r.out).toContain(`✓ GET ${servers.A}/exact from ${EVIL}: blocked`);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('2 check(s): 2 kept, 0 broken, 0 not checked');
  });

  it('a broken contract: exit 1, the case named with the cause and its whole report, and the JUnit failure', async () => {
    const junit = join(dir, 'report.xml');
    const config = {
      origins: [APP],
      endpoints: [exact(), refused(), { url: `${servers.A}/bare`, methods: ['GET', 'PUT'], headers: { 'Content-Type': 'application/json' } }],
    };
    const r = await cli(['check', '--config', file('broken.json', config), '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`✖ GET ${servers.A}/bare from ${APP}: blocked, expected allowed: `));
    expect(r.out).toMatch(new RegExp(`✖ PUT ${servers.A}/bare from ${APP}: blocked, expected allowed: `));
    expect(r.out).toContain(`── PUT ${servers.A}/bare from ${APP}\nBLOCKED`);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('4 check(s): 2 kept, 2 broken, 0 not checked');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="cors-inspector" tests="4" failures="2" errors="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure type="cors" message="blocked, expected allowed: /g)).toHaveLength(2);
    expect(xml).toContain('has been blocked by CORS policy');
  });

  it('--json: the summary and every case with its findings', async () => {
    const r = await cli(['check', '--config', file('json.json', { endpoints: [exact(), { url: `${servers.A}/bare`, origin: APP }] }), '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { summary: unknown; results: { name: string; kept: boolean; verdict: string; findings: { rule: string }[] }[] };
    expect(json.summary).toEqual({ checks: 2, kept: 1, broken: 1, errors: 0 });
    expect(json.results.map((x) => [x.kept, x.verdict])).toEqual([
      [true, 'allowed'],
      [false, 'blocked'],
    ]);
    expect(json.results[1]!.findings[0]!.rule).toBe('missing-allow-origin');
  });

  it('a case that cannot be checked (nothing listens) and none broken: exit 2, the case says why', async () => {
    const r = await cli(['check', '--config', file('down.json', { endpoints: [exact(), { url: 'http://127.0.0.1:9/', origin: APP }] })]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('! GET http://127.0.0.1:9/ from https://app.example: not checked: connection refused');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('2 check(s): 1 kept, 0 broken, 1 not checked');
  });

  it('header values from the environment (${VAR}) are sent and never printed', async () => {
    const config = { endpoints: [{ url: `${servers.A}/exact?env=1`, origin: APP, headers: ['Cookie: sid=${CCI_TEST_SESSION}'] }] };
    const r = await cli(['check', '--config', file('env.json', config), '--json'], { CCI_TEST_SESSION: 'ENV-SECRET' });
    expect(r.code).toBe(0);
    expect(seen.find((s) => s.url === '/exact?env=1' && s.method === 'GET')!.headers.cookie).toBe('sid=ENV-SECRET');
    expect(r.out).not.toContain('ENV-SECRET');
  });

  it('mistakes in the file: one line naming where, exit 2, and no secret echoed', async () => {
    const cases: [unknown, RegExp][] = [
      ['{ not json', /the config is not JSON/],
      [[], /a JSON object with an "endpoints" array/],
      [{ endpoints: [] }, /non-empty "endpoints"/],
      [{ endpoints: [{ url: 'ftp://x/' }] }, /endpoints\[0\]: url: an http\(s\) URL is required/],
      [{ endpoints: [{ url: 'https://api.example/', origin: 'https://app.example/' }] }, /endpoints\[0\]: origins: --origin must be an origin/],
      [{ endpoints: [{ url: 'https://api.example/', origin: APP, expect: 'maybe' }] }, /endpoints\[0\]: expect: "allowed" or "blocked"/],
      [{ endpoints: [{ url: 'https://api.example/', origin: APP, expected: 'allowed' }] }, /endpoints\[0\]: unknown key "expected"/],
      [
        { endpoints: [{ url: 'https://api.example/', origin: APP, headers: ['Authorization Bearer TOKEN-SECRET'] }] },
        /endpoints\[0\]: headers: a header must be 'Name: value' \(no ':' in it\)/,
      ],
      [
        { endpoints: [{ url: 'https://api.example/', origin: APP, headers: { Cookie: '${CCI_TEST_UNSET}' } }] },
        /the environment variable CCI_TEST_UNSET is not set/,
      ],
    ];
    for (const [config, message] of cases) {
      const r = await cli(['check', '--config', file('bad.json', config)]);
      oneLine(r);
      expect(r.err).toMatch(message);
      expect(r.err).not.toContain('SECRET');
    }
    oneLine(await cli(['check', '--config', join(dir, 'missing.json')]));
    oneLine(await cli(['check', `${servers.A}/`, '--config', file('ok2.json', { endpoints: [exact()] })]));
    oneLine(await cli(['check', `${servers.A}/`, '--origin', APP, '--junit', join(dir, 'x.xml')]));
  });
});

describe('the JUnit report', () => {
  it('escapes markup and shows controls a report cannot carry as visible markers', () => {
    const xml = junitXml(
      [
        {
          case: {
            name: 'GET https://api.example/"<x>&\u001b\u202e',
            url: '',
            origin: APP,
            method: 'GET',
            headers: [],
            credentials: 'include',
            expect: 'allowed',
            timeoutMs: 1000,
            browser: 'chromium',
          },
          kept: false,
          error: 'refused <&>',
          ms: 5,
        },
      ],
      new Date(0),
    );
    expect(xml).toContain('name="GET https://api.example/&quot;&lt;x&gt;&amp;⟨U+001B⟩⟨U+202E⟩"');
    expect(xml).toContain('<error type="network" message="not checked: refused &lt;&amp;&gt;">');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/);
  });
});
