// The per-server fix (src/core/fix/server.ts) cures every request seen to a server at once: for
// any group of requests (several pages, methods, headers, credentials modes, each failing its own
// way or passing), a server configured by the merged fix lets every one of them through with no
// error and no warning, in Chromium's, Firefox's and WebKit's check order, while an origin that is
// not listed is still refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyServerFix, serverFixes, type SeenRequest } from '../../src/core/fix/server';
import { mergeSpecs } from '../../src/core/fix/merge';
import { needsPreflight } from '../../src/core/safelist';
import type { CredentialsMode, HeaderLine, Hop, RequestRecord, ResponseSeen } from '../../src/core/types';
import { validate, type Browser } from '../../src/core/validate';

const API = 'https://api.example.com';
const PAGES = ['https://app.example.com', 'https://admin.example.com', 'http://localhost:3000', 'https://app.other.test'] as const;
const BROWSERS: Browser[] = ['chromium', 'firefox', 'webkit'];

/** What the server answered before any fix: the ways people misconfigure CORS. */
const ACTUAL = ['none', 'wildcard', 'wrong-origin', 'right', 'no-credentials', 'duplicate', 'login-redirect', 'same-origin-redirect'] as const;
const PREFLIGHT = ['none', 'auth-401', 'login-302', 'methods-missing', 'headers-wildcard', 'right'] as const;

interface Shape {
  page: (typeof PAGES)[number];
  method: string;
  headers: HeaderLine[];
  credentials: CredentialsMode;
  initiator: 'fetch' | 'xmlhttprequest';
  path: string;
  actual: (typeof ACTUAL)[number];
  preflight: (typeof PREFLIGHT)[number];
  vary: boolean;
}

const HEADERS: HeaderLine[] = [
  { name: 'Authorization', value: '[redacted]' },
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Content-Type', value: 'text/plain' },
  { name: 'X-Requested-With', value: 'XMLHttpRequest' },
  { name: 'X-CSRF-Token', value: 'abc' },
  { name: 'Accept', value: 'application/json' },
];

const shape: fc.Arbitrary<Shape> = fc.record({
  page: fc.constantFrom(...PAGES),
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'PURGE'),
  headers: fc.subarray(HEADERS).map((hs) => hs.filter((h, i) => hs.findIndex((o) => o.name === h.name) === i)),
  credentials: fc.constantFrom<CredentialsMode>('include', 'include', 'omit', 'unknown', 'same-origin'),
  initiator: fc.constantFrom('fetch' as const, 'xmlhttprequest' as const),
  path: fc.constantFrom('/me', '/items/7', '/v1/orders'),
  actual: fc.constantFrom(...ACTUAL),
  preflight: fc.constantFrom(...PREFLIGHT),
  vary: fc.boolean(),
});

const h = (name: string, value: string): HeaderLine => ({ name, value });

function actualResponse(s: Shape): { response: ResponseSeen; next?: Hop } {
  const vary = s.vary ? [h('Vary', 'Accept-Encoding')] : [];
  switch (s.actual) {
    case 'none':
      return { response: { status: 401, headers: vary } };
    case 'wildcard':
      return { response: { status: 200, headers: [h('Access-Control-Allow-Origin', '*'), ...vary] } };
    case 'wrong-origin':
      return {
        response: {
          status: 200,
          headers: [h('Access-Control-Allow-Origin', 'https://other.example.com'), h('Access-Control-Allow-Credentials', 'true'), ...vary],
        },
      };
    case 'right':
      return {
        response: { status: 200, headers: [h('Access-Control-Allow-Origin', s.page), h('Access-Control-Allow-Credentials', 'true'), h('Vary', 'Origin')] },
      };
    case 'no-credentials':
      return { response: { status: 200, headers: [h('Access-Control-Allow-Origin', s.page), ...vary] } };
    case 'duplicate':
      return {
        response: {
          status: 200,
          headers: [h('Access-Control-Allow-Origin', s.page), h('Access-Control-Allow-Origin', s.page), h('Access-Control-Allow-Credentials', 'true')],
        },
      };
    case 'login-redirect':
      return {
        response: { status: 302, headers: [h('Location', 'https://login.example.net/login?next=%2F')] },
        next: { url: 'https://login.example.net/login?next=%2F', response: { status: 200, headers: [h('Content-Type', 'text/html')] } },
      };
    case 'same-origin-redirect':
      return {
        response: { status: 301, headers: [h('Location', `${API}/v2${s.path}`)] },
        next: { url: `${API}/v2${s.path}`, response: { status: 200, headers: [] } },
      };
  }
}

function preflightResponse(s: Shape): ResponseSeen {
  switch (s.preflight) {
    case 'none':
      return { status: 404, headers: [] };
    case 'auth-401':
      return { status: 401, headers: [h('WWW-Authenticate', 'Bearer')] };
    case 'login-302':
      return { status: 302, headers: [h('Location', `${API}/login`)] };
    case 'methods-missing':
      return {
        status: 204,
        headers: [h('Access-Control-Allow-Origin', s.page), h('Access-Control-Allow-Credentials', 'true'), h('Access-Control-Allow-Methods', 'GET')],
      };
    case 'headers-wildcard':
      return {
        status: 204,
        headers: [
          h('Access-Control-Allow-Origin', s.page),
          h('Access-Control-Allow-Credentials', 'true'),
          h('Access-Control-Allow-Methods', s.method),
          h('Access-Control-Allow-Headers', '*'),
        ],
      };
    case 'right':
      return {
        status: 204,
        headers: [
          h('Access-Control-Allow-Origin', s.page),
          h('Access-Control-Allow-Credentials', 'true'),
          h('Access-Control-Allow-Methods', s.method),
          h('Access-Control-Allow-Headers', s.headers.map((x) => x.name).join(', ') || 'x-none'),
          h('Vary', 'Origin'),
        ],
      };
  }
}

/** The record the browser would have seen: a failed preflight ends the request before its response. */
function recordOf(s: Shape): RequestRecord {
  const base = { method: s.method, origin: s.page, credentials: s.credentials, initiator: s.initiator, requestHeaders: s.headers };
  const url = `${API}${s.path}`;
  const { response, next } = actualResponse(s);
  if (!needsPreflight(base)) return { ...base, hops: [{ url, response }, ...(next ? [next] : [])] };
  const preflight = preflightResponse(s);
  // Was the preflight accepted? Then the actual request went out and was answered.
  const passed = validate({ ...base, hops: [{ url, preflight }] }).every((f) => f.severity !== 'error');
  return { ...base, hops: passed ? [{ url, preflight, response }, ...(next ? [next] : [])] : [{ url, preflight }] };
}

/** What the worker stores for a request: its first finding (with the fix), or nothing for a clean pass. */
function seenOf(record: RequestRecord, i: number): SeenRequest {
  const findings = validate(record);
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  return { requestId: String(i), record, ...(first ? { fix: first.fix, severity: first.severity } : {}) };
}

const clean = (record: RequestRecord, b: Browser) => validate(record, b).map((f) => `${b}: ${f.rule}: ${f.message}`);

describe('one fix per server', () => {
  it('lets every request of any group through, in every engine, with no warning', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 8 }), (shapes) => {
        const seen = shapes.map((s, i) => seenOf(recordOf(s), i));
        const servers = serverFixes(seen);
        expect(servers.map((x) => x.origin)).toEqual([API]);
        const [server] = servers;
        expect(server!.requests).toEqual(seen.map((s) => s.requestId));
        for (const s of seen) {
          const fixed = applyServerFix(server!.fix, s.record, API);
          for (const b of BROWSERS) expect(clean(fixed, b), JSON.stringify(s.record)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('still refuses an origin that is not listed', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 6 }), shape, (shapes, probe) => {
        const server = serverFixes(shapes.map((s, i) => seenOf(recordOf(s), i)))[0]!;
        const stranger = { ...recordOf({ ...probe, actual: 'none', preflight: 'none' }), origin: 'https://evil.example', credentials: 'include' as const };
        const fixed = applyServerFix(server.fix, stranger, API);
        for (const b of BROWSERS) expect(validate(fixed, b).some((f) => f.severity === 'error')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes header lines that name every listed page, never * and never an unchecked echo', () => {
    const seen = PAGES.map((page, i) =>
      seenOf(
        recordOf({
          page,
          method: 'PUT',
          headers: [HEADERS[0]!],
          credentials: 'include',
          initiator: 'fetch',
          path: '/me',
          actual: 'none',
          preflight: 'auth-401',
          vary: false,
        }),
        i,
      ),
    );
    const fix = serverFixes(seen)[0]!.fix;
    const [preflight, response] = fix.steps;
    expect(preflight!.stage).toBe('preflight');
    expect(preflight!.status).toMatchObject({ from: 401, to: 204 });
    expect(response!.stage).toBe('response');
    for (const step of fix.steps) {
      const acao = step.headers.find((l) => l.startsWith('Access-Control-Allow-Origin:'))!;
      expect(acao).toBe(
        `Access-Control-Allow-Origin: <the request's Origin, only when it is exactly one of: ${PAGES.join(', ')}; for any other Origin leave this line out>`,
      );
      expect(step.headers).toContain('Access-Control-Allow-Credentials: true');
      expect(step.headers).toContain('Vary: Origin');
      expect(step.headers.join('\n')).not.toMatch(/: \*|\*$/m);
    }
    expect(preflight!.headers).toContain('Access-Control-Allow-Methods: PUT');
    expect(preflight!.headers).toContain('Access-Control-Allow-Headers: authorization');
    expect(fix.spec.origins).toEqual([...PAGES]);
    expect(fix.notes.some((n) => n.includes('Never echo an unchecked Origin'))).toBe(true);
  });

  it('names the one page origin when there is one, and allows credentials when the mode is unknown', () => {
    const seen = [
      seenOf(
        recordOf({
          page: PAGES[0],
          method: 'GET',
          headers: [],
          credentials: 'unknown',
          initiator: 'fetch',
          path: '/me',
          actual: 'none',
          preflight: 'none',
          vary: false,
        }),
        0,
      ),
    ];
    const fix = serverFixes(seen)[0]!.fix;
    expect(fix.steps[1]!.headers).toEqual([`Access-Control-Allow-Origin: ${PAGES[0]}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
    expect(fix.spec.credentials).toBe(true);
    expect(fix.notes.some((n) => /harmless without credentials, and required with them|harmless without credentials and required with them/.test(n))).toBe(
      true,
    );
  });

  it('groups by the API origin, leaves same-origin requests out, and keeps hostile page origins out of every line', () => {
    const hostile = ['https://app.example"#{`id`}', 'null', 'https://a.example/path', 'javascript:alert(1)', 'https://x.example:99999'];
    const seen: SeenRequest[] = [
      ...hostile.map((origin, i): SeenRequest => ({
        requestId: `h${i}`,
        record: { method: 'GET', origin, credentials: 'include', initiator: 'fetch', requestHeaders: [], hops: [{ url: `${API}/me` }] },
      })),
      {
        requestId: 'other',
        record: {
          method: 'GET',
          origin: PAGES[0],
          credentials: 'omit',
          initiator: 'fetch',
          requestHeaders: [],
          hops: [{ url: 'https://cdn.example.org/a.json' }],
        },
      },
      {
        requestId: 'same',
        record: { method: 'GET', origin: API, credentials: 'include', initiator: 'fetch', requestHeaders: [], hops: [{ url: `${API}/x` }] },
      },
    ];
    const servers = serverFixes(seen);
    expect(servers.map((s) => [s.origin, s.requests])).toEqual([
      [API, ['h0', 'h1', 'h2', 'h3', 'h4']],
      ['https://cdn.example.org', ['other']],
    ]);
    const fix = servers[0]!.fix;
    expect(fix.spec.origins).toEqual([]);
    const lines = fix.steps.flatMap((s) => s.headers).join('\n');
    expect(lines).toContain('Access-Control-Allow-Origin: https://app.example');
    for (const o of hostile) expect(lines).not.toContain(o === 'null' ? ': null' : o);
    expect(fix.notes.some((n) => n.includes('https://app.example stands in its place'))).toBe(true);
  });
});

describe('mergeSpecs', () => {
  it('is the union of origins, methods, headers and exposed headers, without wildcards or non-origins', () => {
    const base = { kind: 'cors' as const, credentials: false, expose: [], paths: ['/a'], problems: ['allow-origin' as const] };
    const merged = mergeSpecs([
      { ...base, origins: ['https://a.example'], methods: ['GET'], headers: ['authorization'] },
      {
        ...base,
        origins: ['https://b.example', 'https://a.example', 'https://evil.example/"'],
        methods: ['PUT', '*'],
        headers: ['Content-Type', '*'],
        expose: ['X-Total'],
        credentials: true,
        problems: ['preflight-status'],
      },
    ]);
    expect(merged).toEqual({
      kind: 'cors',
      origins: ['https://a.example', 'https://b.example'],
      credentials: true,
      methods: ['GET', 'PUT'],
      headers: ['authorization', 'content-type'],
      expose: ['x-total'],
      problems: ['preflight-status', 'allow-origin'],
      paths: ['/a'],
    });
  });
});
