// `har` on a HAR recorded from real Chromium on the lab (scripts/record-har.ts), next to the
// extension's own findings for the same requests: the CLI must report what the extension reported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HarError, judgeHar, readHar } from '../../src/cli/har';
import { main } from '../../src/cli/main';
import { validate } from '../../src/core/validate';
import type { TabFinding } from '../../src/messages';

const har = readFileSync('test/fixtures/har/lab-chromium.har', 'utf8');
const recorded = JSON.parse(readFileSync('test/fixtures/har/lab-chromium.findings.json', 'utf8')) as {
  runs: { id: string; ok: boolean; url: string }[];
  findings: TabFinding[];
};
const judged = judgeHar(readHar(har));
const byUrl = new Map(judged.map((j) => [j.record.hops[0]!.url, j]));

describe('har on a HAR recorded from Chromium', () => {
  it('lists every blocked request once and no allowed one', () => {
    const blocked = recorded.runs.filter((r) => !r.ok).map((r) => r.url);
    expect(blocked.length).toBeGreaterThan(20);
    expect(judged.map((j) => j.record.hops[0]!.url).sort()).toEqual([...blocked].sort());
  });

  for (const ext of recorded.findings.filter((f) => f.severity === 'error')) {
    const id = /\/s\/([a-z0-9-]+)\//.exec(ext.url)?.[1];
    it(`${id}: the extension's finding (${ext.rule}, ${ext.stage} of hop ${ext.hop})`, () => {
      const j = byUrl.get(ext.record.hops[0]!.url);
      expect(j, 'request not found in the HAR').toBeDefined();
      const f = j!.findings.find((x) => x.severity === 'error')!;
      expect({ rule: f.rule, code: f.code, stage: f.stage, hop: f.hop, hint: f.hint, message: f.message }).toEqual({
        rule: ext.rule,
        code: ext.code,
        stage: ext.stage,
        hop: ext.hop,
        hint: ext.hint,
        message: ext.message,
      });
      expect(j!.record.credentials === 'include').toBe(ext.credentialed);
      // A HAR does not say the credentials mode: its cure is written for credentials, so where the
      // page hook told the extension 'omit', the CLI's plan is the one a credentialed request gets.
      const cure =
        j!.record.credentials === 'unknown' && !ext.credentialed
          ? validate({ ...ext.record, credentials: 'include' }).find((x) => x.severity === 'error')!.fix
          : ext.fix;
      // The whole plan: every response to change, in order, with the same lines.
      expect(f.fix.steps).toEqual(cure.steps);
      expect(j!.record.hops.length).toBe(ext.record.hops.length);
    });
  }
});

describe('har input', () => {
  it('refuses what is not a HAR, in one line', () => {
    for (const text of ['', 'not json', '[]', '{"log":{}}', '{"log":{"entries":{}}}']) {
      expect(() => readHar(text), text).toThrow(HarError);
      try {
        readHar(text);
      } catch (err) {
        expect((err as Error).message).not.toContain('\n');
      }
    }
  });

  it('skips malformed entries without crashing', () => {
    const text = JSON.stringify({
      log: {
        entries: [
          null,
          1,
          'x',
          {},
          { request: {}, response: {} },
          { request: { method: 'GET', url: 5 }, response: { status: 'x' } },
          { request: { method: 'GET', url: 'https://a.example/', headers: [null, { name: 1 }] }, response: { status: 0, headers: 'no' } },
        ],
      },
    });
    expect(() => judgeHar(readHar(text))).not.toThrow();
  });

  it('skips failures that are not CORS (DNS, refused connection)', () => {
    const entry = (error: string) => ({
      request: { method: 'GET', url: 'https://api.example/x', headers: [{ name: 'Origin', value: 'https://app.example' }] },
      response: { status: 0, headers: [], _error: error },
      _resourceType: 'fetch',
    });
    const j = judgeHar(readHar(JSON.stringify({ log: { entries: [entry('net::ERR_NAME_NOT_RESOLVED'), entry('net::ERR_FAILED')] } })));
    expect(j).toHaveLength(1);
    expect(j[0]!.error).toBe('net::ERR_FAILED');
    // No response headers in the HAR: blocked, and no rule claims to know why.
    expect(j[0]!.findings).toEqual([]);
  });

  it('judges the headers of a blocked response whose status the exporter zeroed', () => {
    const entry = {
      request: {
        method: 'GET',
        url: 'https://api.example/x',
        headers: [
          { name: 'Origin', value: 'https://app.example' },
          { name: 'Cookie', value: 'x' },
        ],
      },
      response: { status: 0, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }], _error: 'net::ERR_FAILED' },
      _resourceType: 'fetch',
    };
    const [j] = judgeHar(readHar(JSON.stringify({ log: { entries: [entry] } })));
    expect(j!.findings.map((f) => f.rule)).toEqual(['wildcard-origin']);
    expect(j!.record.credentials).toBe('include');
  });
});

describe('har look-ups', () => {
  const APP = 'https://app.example';
  const req = (method: string, url: string, extra: { name: string; value: string }[] = []) => ({
    method,
    url,
    headers: [{ name: 'Origin', value: APP }, { name: 'Cookie', value: 'a=1' }, ...extra],
  });
  const redirect = (from: string, to: string) => ({
    request: req('GET', from),
    response: {
      status: 302,
      headers: [
        { name: 'Location', value: to },
        { name: 'Access-Control-Allow-Origin', value: APP },
        { name: 'Access-Control-Allow-Credentials', value: 'true' },
      ],
      redirectURL: to,
    },
    _resourceType: 'fetch',
  });
  const failed = (method: string, url: string) => ({
    request: req(method, url, method === 'PUT' ? [{ name: 'Content-Type', value: 'application/json' }] : []),
    response: { status: 0, headers: [], _error: 'net::ERR_FAILED' },
    _resourceType: 'fetch',
  });
  const preflight = (url: string, status: number) => ({
    request: req('OPTIONS', url, [
      { name: 'Access-Control-Request-Method', value: 'PUT' },
      { name: 'Access-Control-Request-Headers', value: 'content-type' },
    ]),
    response: { status, headers: [] },
    _resourceType: 'preflight',
  });

  it('pairs each failure with the latest unclaimed redirect to its URL, and each hop with the nearest preflight', () => {
    const X = 'https://api.example/x';
    const entries = [
      redirect('https://api.example/a', X),
      failed('GET', X),
      redirect('https://api.example/b', X),
      failed('GET', X),
      preflight('https://api.example/y', 401),
      failed('PUT', 'https://api.example/y'),
      preflight('https://api.example/y', 403),
      failed('PUT', 'https://api.example/y'),
    ];
    const judged = judgeHar(readHar(JSON.stringify({ log: { entries } })));
    expect(judged.map((j) => j.record.hops.map((h) => h.url))).toEqual([
      ['https://api.example/a', X],
      ['https://api.example/b', X],
      ['https://api.example/y'],
      ['https://api.example/y'],
    ]);
    expect(judged.slice(2).map((j) => j.record.hops[0]!.preflight?.status)).toEqual([401, 403]);
  });

  it('judges identical requests once and shares the report', () => {
    const X = 'https://api.example/poll';
    const judged = judgeHar(readHar(JSON.stringify({ log: { entries: [failed('GET', X), failed('GET', X), failed('GET', `${X}?n=2`)] } })));
    expect(judged).toHaveLength(3);
    expect(judged[0]).toBe(judged[1]);
    expect(judged[2]).not.toBe(judged[0]);
  });
});

describe('har progress on stderr', () => {
  /** `har` on the lab's HAR, its progress clock advancing `step` ms each time it is read. */
  async function run(step: number, extra: string[] = []) {
    let now = 0;
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['har', 'test/fixtures/har/lab-chromium.har', ...extra], {
      out: { write: (t: string) => out.push(t) },
      err: { write: (t: string) => err.push(t) },
      now: () => (now += step),
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('says how far it is on stderr once the work has taken a second, and changes nothing else', async () => {
    const entries = (JSON.parse(har) as { log: { entries: unknown[] } }).log.entries.length;
    for (const extra of [[], ['--json']]) {
      const slow = await run(1000, extra);
      const lines = slow.err.split('\n').filter(Boolean);
      expect(lines[0]).toBe(`cors-inspector: reading entries: 0 of ${entries}`);
      expect(lines).toContain('cors-inspector: merging the fixes per server');
      expect(lines).toContain(`cors-inspector: writing reports: 0 of ${judged.length}`);
      expect(lines.some((l) => /^cors-inspector: judging requests: 0 of \d+$/.test(l))).toBe(true);
      // Stderr only: stdout is the report, the same as without progress.
      const quiet = await run(0, extra);
      expect(quiet.err).toBe('');
      expect(slow.out).toBe(quiet.out);
      expect(slow.code).toBe(quiet.code);
    }
  });
});
