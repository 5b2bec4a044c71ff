// Hostile input never throws: whatever a collector, a page or a broken server hands us, validate()
// answers with a clear finding or ignores it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Finding, RequestRecord } from '../../src/core/types';
import { validate } from '../../src/core/validate';
import { renderSnippet, STACKS } from '../../src/core/fix/stacks/index';

const APP = 'https://app.example.com';
const URL1 = 'https://api.example.com/me';

/** A record with hostile parts cast in, as a buggy collector or a forged message could deliver. */
function rec(over: Record<string, unknown>): RequestRecord {
  return { method: 'GET', origin: APP, credentials: 'include', initiator: 'fetch', requestHeaders: [], hops: [], ...over } as unknown as RequestRecord;
}

/** Read every lazy field, as the UI and JSON serialization would. */
function touch(findings: Finding[]): string {
  return JSON.stringify(findings);
}

const HEADER_LINE = /^[A-Za-z-]+: [^\r\n]*$/;

function checkInvariants(findings: Finding[]): void {
  expect(findings.filter((f) => f.severity === 'error').length).toBeLessThanOrEqual(1);
  for (const f of findings) {
    if (f.severity === 'error') expect(f.message.startsWith('Access to ')).toBe(true);
    expect(Object.keys(f.fix)).toEqual(['steps', 'notes', 'spec']);
    // Every response of the plan: clean lines, never * or null with credentials.
    for (const step of f.fix.steps) {
      for (const line of step.headers) expect(line).toMatch(HEADER_LINE);
      const acao = step.headers.find((l) => l.toLowerCase().startsWith('access-control-allow-origin:'));
      const acac = step.headers.some((l) => l.toLowerCase() === 'access-control-allow-credentials: true');
      if (acac) {
        expect(acao).not.toBe('Access-Control-Allow-Origin: *');
        expect(acao).not.toBe('Access-Control-Allow-Origin: null');
      }
    }
    expect(typeof f.explanation).toBe('string');
    for (const { id } of STACKS) expect(typeof renderSnippet(f.fix.spec, id)).toBe('string');
  }
}

describe('hostile records', () => {
  const hostile: [string, unknown][] = [
    ['no hops', rec({ hops: [] })],
    ['hops not an array', rec({ hops: 'x' })],
    ['a hop without a response', rec({ hops: [{ url: URL1 }] })],
    ['a null hop', rec({ hops: [null] })],
    ['a hop without url', rec({ hops: [{ response: { status: 200, headers: [] } }] })],
    ['status NaN', rec({ hops: [{ url: URL1, response: { status: NaN, headers: [] } }] })],
    ['status as a string', rec({ hops: [{ url: URL1, preflight: { status: '204', headers: [] } }] })],
    ['headers undefined', rec({ hops: [{ url: URL1, response: { status: 200, headers: undefined } }] })],
    ['headers null entries', rec({ hops: [{ url: URL1, response: { status: 200, headers: [null, 5, 'x', { name: 1 }, { value: 'v' }] } }] })],
    ['header value undefined', rec({ hops: [{ url: URL1, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin' }] } }] })],
    ['garbage URL', rec({ hops: [{ url: 'ht!tp:/::garbage', response: { status: 200, headers: [] } }] })],
    ['empty URL', rec({ hops: [{ url: '', response: { status: 200, headers: [] } }] })],
    ['garbage origin', rec({ origin: 'not an origin\r\nX: y', hops: [{ url: URL1, response: { status: 200, headers: [] } }] })],
    ['origin undefined', rec({ origin: undefined, hops: [{ url: URL1, response: { status: 200, headers: [] } }] })],
    ['method undefined', rec({ method: undefined, hops: [{ url: URL1, preflight: { status: 204, headers: [] } }] })],
    ['requestHeaders undefined', rec({ requestHeaders: undefined, hops: [{ url: URL1, preflight: { status: 204, headers: [] } }] })],
    [
      'request header with CR/LF in its name',
      rec({
        method: 'PUT',
        requestHeaders: [{ name: 'X-A\r\nB', value: '1' }],
        hops: [
          {
            url: URL1,
            preflight: {
              status: 204,
              headers: [
                { name: 'Access-Control-Allow-Origin', value: APP },
                { name: 'Access-Control-Allow-Credentials', value: 'true' },
              ],
            },
          },
        ],
      }),
    ],
    [
      'a redirect loop of 50 hops',
      rec({
        hops: Array.from({ length: 50 }, () => ({
          url: URL1,
          response: {
            status: 302,
            headers: [
              { name: 'Location', value: URL1 },
              { name: 'Access-Control-Allow-Origin', value: APP },
              { name: 'Access-Control-Allow-Credentials', value: 'true' },
            ],
          },
        })),
      }),
    ],
    ['a redirect with a garbage Location', rec({ hops: [{ url: URL1, response: { status: 302, headers: [{ name: 'Location', value: 'http://[::1' }] } }] })],
    ['not an object at all', null],
    ['a number', 42],
  ];

  test.each(hostile)('%s: never throws', (_name, record) => {
    const findings = validate(record as RequestRecord);
    expect(() => touch(findings)).not.toThrow();
    checkInvariants(findings);
  });

  test('a 64 KB ACAO value is reported, and the message carries it', () => {
    const big = `https://${'a'.repeat(64 * 1024)}.example.com`;
    const [f] = validate(rec({ hops: [{ url: URL1, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: big }] } }] }));
    expect(f!.rule).toBe('allow-origin-mismatch');
    expect(f!.message).toContain(big);
    expect(f!.explanation.length).toBeLessThan(3000);
  });

  // Probed in Chromium 156: UTF-8 "ä" in ACAO prints as \u00C3\u00A4, a \x01 as \u0001.
  test('control and non-ASCII characters in the hint are printed as \\uXXXX, like Chromium', () => {
    const [f] = validate(
      rec({ hops: [{ url: URL1, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://äpp.example.com\u0001' }] } }] }),
    );
    expect(f!.message).toContain("'https://\\u00C3\\u00A4pp.example.com\\u0001'");
  });

  test('duplicate ACAC names in mixed case are joined like Chromium does', () => {
    const [f] = validate(
      rec({
        hops: [
          {
            url: URL1,
            response: {
              status: 200,
              headers: [
                { name: 'Access-Control-Allow-Origin', value: APP },
                { name: 'access-control-allow-credentials', value: 'true' },
                { name: 'ACCESS-CONTROL-ALLOW-CREDENTIALS', value: 'true' },
              ],
            },
          },
        ],
      }),
    );
    expect(f!.hint).toBe('true, true');
  });

  test('a response with status 0 (none arrived: a network error) is not judged', () => {
    expect(validate(rec({ method: 'PUT', hops: [{ url: URL1, preflight: { status: 0, headers: [] } }] }))).toEqual([]);
    expect(validate(rec({ hops: [{ url: URL1, response: { status: 0, headers: [] } }] }))).toEqual([]);
  });

  test('a preflight with NaN status is judged on its headers only', () => {
    const findings = validate(
      rec({
        method: 'PUT',
        hops: [
          {
            url: URL1,
            preflight: {
              status: NaN,
              headers: [
                { name: 'Access-Control-Allow-Origin', value: APP },
                { name: 'Access-Control-Allow-Credentials', value: 'true' },
                { name: 'Access-Control-Allow-Methods', value: 'PUT' },
              ],
            },
          },
        ],
      }),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('random records (property)', () => {
  const names = fc.constantFrom(
    'Access-Control-Allow-Origin',
    'access-control-allow-origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Vary',
    'Location',
    'Content-Type',
    'X-Anything',
  );
  const values = fc.oneof(
    fc.constantFrom(
      '*',
      APP,
      `${APP}/`,
      'null',
      '',
      'true',
      'True',
      'true, true',
      'PUT',
      'put, *',
      '*',
      'content-type',
      'Origin',
      'https://user:pw@api.example.com/x',
      '/next',
      'http://[::1',
    ),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const line = fc.record({ name: fc.oneof(names, fc.string({ maxLength: 12 })), value: values });
  const response = fc.record({
    status: fc.oneof(fc.constantFrom(200, 204, 301, 302, 303, 307, 308, 401, 404, 500), fc.integer(), fc.constant(NaN)),
    headers: fc.array(line, { maxLength: 8 }),
  });
  const hop = fc.record(
    {
      url: fc.oneof(fc.constantFrom(URL1, 'https://api.example.com/next', 'https://other.example.net/x', `${APP}/same`, 'garbage'), fc.webUrl()),
      preflight: response,
      response,
    },
    { requiredKeys: ['url'] },
  );
  const record = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'DELETE', 'get', ''),
    origin: fc.oneof(fc.constantFrom(APP, 'null', 'http://localhost:3000'), fc.string({ maxLength: 20 })),
    credentials: fc.constantFrom('include', 'same-origin', 'omit', 'unknown'),
    initiator: fc.constantFrom('fetch', 'xmlhttprequest', 'unknown'),
    requestHeaders: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('Content-Type', 'Authorization', 'X-CSRF-Token', 'Accept', 'Cookie'), fc.string({ maxLength: 10 })),
        value: values,
      }),
      { maxLength: 4 },
    ),
    hops: fc.array(hop, { maxLength: 4 }),
  });

  test('10,000 random records: no throw, at most one error, Chromium-shaped messages, safe fix lines', () => {
    fc.assert(
      fc.property(record, (r) => {
        const findings = validate(r);
        touch(findings);
        checkInvariants(findings);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000); // a correctness test, not a timing one: allow for a loaded 2-core machine
});

describe('findings travel as plain data', () => {
  test('JSON, structured clone and spread all carry the lazily built explanation and fix', () => {
    const [f] = validate(rec({ hops: [{ url: URL1, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] } }] }));
    const viaJson = JSON.parse(JSON.stringify(f)) as Finding;
    const viaClone = structuredClone(f!);
    const viaSpread = { ...f! };
    for (const copy of [viaJson, viaClone, viaSpread]) {
      expect(copy.explanation).toBe(f!.explanation);
      expect(copy.fix).toEqual(f!.fix);
      expect(Object.keys(copy.fix)).toEqual(['steps', 'notes', 'spec']);
    }
    // No rendered snippets and no other engine's words: those are rendered where shown.
    expect(Object.keys(viaClone).sort()).toEqual([
      'cause',
      'code',
      'explanation',
      'fix',
      'header',
      'hint',
      'hop',
      'message',
      'rule',
      'severity',
      'stage',
      'url',
    ]);
  });

  test('a finding field can be overwritten (e.g. redaction) without throwing', () => {
    const [f] = validate(rec({ hops: [{ url: URL1, response: { status: 200, headers: [] } }] }));
    f!.explanation = 'redacted';
    expect(f!.explanation).toBe('redacted');
  });
});
