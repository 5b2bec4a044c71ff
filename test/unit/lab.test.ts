import { describe, expect, it } from 'vitest';
import { buildRecord, lastRun } from '../../lab/record';
import { kinds, normalizeMethod, scenarios } from '../../lab/scenarios';
import { answer, applyOverride, type Exchange, type LabState } from '../../lab/server';
import { renderPage } from '../../lab/page';

const origins = { page: 'http://localhost:4000', 'same-site': 'http://localhost:4001', 'cross-site': 'http://127.0.0.1:4002' };
const newState = (): LabState => ({ origins: { ...origins }, modes: new Map(), overrides: new Map(), log: [] });
const scenario = (id: string) => scenarios.find((s) => s.id === id)!;
const value = (headers: { name: string; value: string }[], name: string) =>
  headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);

describe('lab scenarios', () => {
  it('has at least 30 scenarios with unique kebab-case ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const s of scenarios) expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("covers every kind, with fetch and XHR, on both APIs and from the page's own origin", () => {
    expect(new Set(scenarios.map((s) => s.kind))).toEqual(new Set(kinds));
    expect(new Set(scenarios.map((s) => s.client))).toEqual(new Set(['fetch', 'xhr']));
    expect(new Set(scenarios.map((s) => s.target))).toEqual(new Set(['same-site', 'cross-site', 'page']));
  });

  it('without credentials: controls against a wildcard API, or ACAO failures Chromium blocks all the same', () => {
    for (const s of scenarios.filter((x) => x.credentials !== 'include' && !x.edge)) {
      if (s.kind === 'control') expect(s.hops[0]!.response.headers, s.id).toContain('Access-Control-Allow-Origin: *');
      else expect(['acao-missing', 'acao-mismatch'], s.id).toContain(s.kind);
    }
  });

  it('names the blamed response for every failure and none for controls', () => {
    for (const s of scenarios) {
      if (s.kind === 'control') expect(s.blame, s.id).toBeUndefined();
      else expect(s.hops[s.blame!.hop], s.id).toBeDefined();
    }
  });

  it('keeps each fixed form on the same API and free of wildcards and blind reflection', () => {
    for (const s of scenarios) {
      expect(s.fixed[0]!.server, s.id).toBe(s.hops[0]!.server);
      if (s.credentials !== 'include') continue;
      // A hop at the page's own origin is same-origin: no CORS check, so no CORS headers (Fetch main fetch).
      for (const hop of s.fixed.filter((h, i) => !(i === 0 && h.server === 'page'))) {
        for (const r of [hop.preflight, hop.response].filter((x) => x !== undefined)) {
          const lines = r.headers.map((l) => l.toLowerCase());
          const acao = lines.filter((l) => l.startsWith('access-control-allow-origin:'));
          expect(acao, s.id).toEqual(['access-control-allow-origin: {origin}']);
          expect(lines, s.id).toContain('access-control-allow-credentials: true');
          expect(lines, s.id).toContain('vary: origin');
          for (const l of lines.filter((x) => /^access-control-allow-(methods|headers):/.test(x))) expect(l, s.id).not.toMatch(/\*/);
          // Only the allow-listed echo and the lab's own URLs: no template that reflects any Origin.
          for (const t of r.headers.join('\n').match(/\{[^}]*\}/g) ?? []) expect(['{origin}', '{next}'], s.id).toContain(t);
        }
        if (hop.preflight) expect(hop.preflight.status, s.id).toBe(204);
      }
    }
  });

  it("lists the preflighted method in the fixed ACAM exactly as Fetch sends it ('patch' stays lower case)", () => {
    for (const s of scenarios.filter((x) => x.fixed.some((h) => h.preflight) && x.credentials === 'include')) {
      const acam = s.fixed[0]!.preflight!.headers.find((l) => l.startsWith('Access-Control-Allow-Methods:'))!;
      expect(
        acam
          .split(':')[1]!
          .split(',')
          .map((m) => m.trim()),
        s.id,
      ).toContain(normalizeMethod(s.method));
    }
    expect(normalizeMethod('patch')).toBe('patch');
    expect(normalizeMethod('put')).toBe('PUT');
  });
});

describe('lab answers', () => {
  it('echoes the Origin only when it is the page origin, and drops the line otherwise', () => {
    const state = newState();
    const s = scenario('control-get-cross-site');
    const mine = answer({ state, scenario: s, hop: 0, preflight: false, run: 'r1', origin: origins.page });
    expect(value(mine.headers, 'access-control-allow-origin')).toEqual([origins.page]);
    const evil = answer({ state, scenario: s, hop: 0, preflight: false, run: 'r1', origin: 'https://evil.example' });
    expect(value(evil.headers, 'access-control-allow-origin')).toEqual([]);
    const opaque = answer({ state, scenario: s, hop: 0, preflight: false, run: 'r1', origin: 'null' });
    expect(value(opaque.headers, 'access-control-allow-origin')).toEqual([]);
  });

  it('resolves {next} and {next-userinfo} to the next hop of the same run', () => {
    const state = newState();
    const login = answer({ state, scenario: scenario('redirect-login'), hop: 0, preflight: false, run: 'r7', origin: origins.page });
    expect(value(login.headers, 'location')).toEqual(['http://127.0.0.1:4002/c/s/redirect-login/1?run=r7']);
    const userinfo = answer({ state, scenario: scenario('redirect-userinfo'), hop: 0, preflight: false, run: 'r8', origin: origins.page });
    expect(value(userinfo.headers, 'location')).toEqual(['http://user:pass@127.0.0.1:4002/s/redirect-userinfo/1?run=r8']);
  });

  it('keeps repeated header lines separate, as a proxy and an app would send them', () => {
    const r = answer({ state: newState(), scenario: scenario('acac-two-lines'), hop: 0, preflight: false, run: 'r', origin: origins.page });
    expect(value(r.headers, 'access-control-allow-credentials')).toEqual(['true', 'true']);
  });

  it('serves the fixed form when the mode says so', () => {
    const state = newState();
    state.modes.set('redirect-login', 'fixed');
    const r = answer({ state, scenario: scenario('redirect-login'), hop: 0, preflight: false, run: 'r', origin: origins.page });
    expect(r.status).toBe(401);
    expect(value(r.headers, 'location')).toEqual([]);
  });

  it('applies an override like a Fix: set replaces every same-named line, remove deletes, status replaces', () => {
    const base = {
      status: 401,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: '*' },
        { name: 'access-control-allow-origin', value: 'x' },
        { name: 'X-Powered-By', value: 'lab' },
      ],
    };
    const out = applyOverride(base, {
      stage: 'preflight',
      hop: 0,
      headers: ['Access-Control-Allow-Origin: http://localhost:4000'],
      remove: ['x-powered-by'],
      status: 204,
    });
    expect(out).toEqual({ status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:4000' }] });
  });

  it('stacks overrides and applies each only to its stage and hop', () => {
    const state = newState();
    state.overrides.set('preflight-401-with-cors', [
      { stage: 'preflight', hop: 0, status: 204 },
      { stage: 'response', hop: 0, headers: ['X-Second: 2'] },
      { stage: 'preflight', hop: 0, headers: ['X-Third: 3'] },
    ]);
    const s = scenario('preflight-401-with-cors');
    const pre = answer({ state, scenario: s, hop: 0, preflight: true, run: 'r', origin: origins.page });
    expect(pre.status).toBe(204);
    expect(value(pre.headers, 'x-third')).toEqual(['3']);
    expect(value(pre.headers, 'x-second')).toEqual([]);
    const res = answer({ state, scenario: s, hop: 0, preflight: false, run: 'r', origin: origins.page });
    expect(value(res.headers, 'x-second')).toEqual(['2']);
  });
});

describe('lab record', () => {
  const ex = (e: Partial<Exchange>): Exchange => ({
    scenario: 'redirect-login',
    run: 'r2',
    hop: 0,
    server: 'same-site',
    method: 'GET',
    url: 'http://localhost:4001/c/s/redirect-login/0?run=r2',
    requestHeaders: [],
    status: 200,
    responseHeaders: [],
    time: 0,
    ...e,
  });

  it('builds one hop per URL with the preflight and response as sent, from the newest run only', () => {
    const log = [
      ex({ run: 'r1', status: 500 }),
      ex({
        status: 302,
        responseHeaders: [
          { name: 'Location', value: 'http://127.0.0.1:4002/c/s/redirect-login/1?run=r2' },
          { name: 'Vary', value: 'Origin' },
          { name: 'Vary', value: 'Cookie' },
        ],
      }),
      ex({
        hop: 1,
        server: 'cross-site',
        url: 'http://127.0.0.1:4002/c/s/redirect-login/1?run=r2',
        status: 200,
        responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
      }),
    ];
    const record = buildRecord(scenario('redirect-login'), lastRun(log, 'redirect-login'), origins.page)!;
    expect(record).toEqual({
      method: 'GET',
      origin: origins.page,
      credentials: 'include',
      initiator: 'fetch',
      requestHeaders: [],
      hops: [
        {
          url: 'http://localhost:4001/c/s/redirect-login/0?run=r2',
          response: {
            status: 302,
            headers: [
              { name: 'Location', value: 'http://127.0.0.1:4002/c/s/redirect-login/1?run=r2' },
              { name: 'Vary', value: 'Origin' },
              { name: 'Vary', value: 'Cookie' },
            ],
          },
        },
        { url: 'http://127.0.0.1:4002/c/s/redirect-login/1?run=r2', response: { status: 200, headers: [{ name: 'Content-Type', value: 'text/html' }] } },
      ],
    });
  });

  it('records a failed preflight with no response, the XHR initiator and redacted Authorization', () => {
    const s = scenario('preflight-401-no-cors');
    const log = [
      ex({
        scenario: s.id,
        run: 'p',
        method: 'OPTIONS',
        url: 'http://127.0.0.1:4002/s/preflight-401-no-cors/0?run=p',
        status: 401,
        responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer' }],
      }),
    ];
    const record = buildRecord(s, lastRun(log, s.id), origins.page)!;
    expect(record.requestHeaders).toEqual([{ name: 'Authorization', value: '[redacted]' }]);
    expect(record.hops).toEqual([
      { url: 'http://127.0.0.1:4002/s/preflight-401-no-cors/0?run=p', preflight: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Bearer' }] } },
    ]);
    const xhr = buildRecord(scenario('acac-missing-xhr'), [ex({ scenario: 'acac-missing-xhr' })], origins.page)!;
    expect(xhr.initiator).toBe('xmlhttprequest');
    expect(buildRecord(s, [], origins.page)).toBeUndefined();
  });
});

describe('lab raw responses (edge cases)', () => {
  it('keeps raw values untrimmed, byte for byte, and marks the answer raw', () => {
    const r = answer({ state: newState(), scenario: scenario('edge-whitespace'), hop: 0, preflight: false, run: 'r', origin: origins.page });
    expect(r.raw).toBe(true);
    expect(value(r.headers, 'access-control-allow-origin')).toEqual([`\t ${origins.page} \t`]);
    expect(value(r.headers, 'access-control-allow-credentials')).toEqual([' true\t']);
    const nul = answer({ state: newState(), scenario: scenario('edge-acao-nul'), hop: 0, preflight: false, run: 'r', origin: origins.page });
    expect(value(nul.headers, 'access-control-allow-origin')).toEqual([`${origins.page}\x00x`]);
  });

  it('records text as webRequest gives it: UTF-8 decoded, other bytes kept; a NUL line means no response', () => {
    const at = (id: string, headers: { name: string; value: string }[]) =>
      buildRecord(
        scenario(id),
        [
          {
            scenario: id,
            run: 'b',
            hop: 0,
            server: 'cross-site',
            method: 'GET',
            url: `http://127.0.0.1:4002/s/${id}/0?run=b`,
            requestHeaders: [],
            status: 200,
            responseHeaders: headers,
            time: 0,
          },
        ],
        origins.page,
      )!.hops[0]!.response;
    expect(at('edge-acao-utf8', [{ name: 'Access-Control-Allow-Origin', value: 'http://b\xc3\xbccher.example' }])!.headers[0]!.value).toBe(
      'http://bücher.example',
    );
    expect(at('edge-acao-latin1', [{ name: 'Access-Control-Allow-Origin', value: 'http://caf\xe9.example' }])!.headers[0]!.value).toBe(
      'http://caf\udce9.example',
    );
    expect(at('edge-acao-nul', [{ name: 'Access-Control-Allow-Origin', value: 'http://a\x00x' }])).toEqual({ status: 0, headers: [] });
  });
});

describe('lab page', () => {
  it('renders hostile scenario text as text and keeps the script data unbreakable', () => {
    const evil = { ...scenario('acao-missing'), id: 'x', title: '<img src=x onerror=alert(1)></script>' };
    const html = renderPage({ origins, scenarios: [evil], modes: new Map() });
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('data-testid="run-x"');
    expect(html).toContain('data-testid="run-all"');
  });
});
