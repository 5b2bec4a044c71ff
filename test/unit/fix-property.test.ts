// Property: for any realistic blocked record (a real page origin, token methods and header names),
// applying every step of the error's fix with "set" semantics leaves no error and no warning, the
// responses the browser never reached included (as if sent without CORS headers): one round.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RequestRecord } from '../../src/core/types';
import { validate } from '../../src/core/validate';
import { leftAfter } from './http';

const APP = 'https://app.example.com';
const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
const value = fc.oneof(
  fc.constantFrom('*', APP, `${APP}/`, 'null', '', 'true', 'True', 'true, true', 'PUT', 'put', 'GET, POST', '*', 'content-type', 'x-a, *', 'Origin', '/next'),
  fc.string({ maxLength: 16 }),
);
const name = fc.constantFrom(
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Vary',
  'Location',
  'Content-Type',
);
const response = fc.record({
  status: fc.constantFrom(200, 204, 302, 307, 401, 404, 500),
  headers: fc.array(fc.record({ name, value }), { maxLength: 6 }),
});
const record = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'patch'), token),
  origin: fc.constantFrom(APP, 'http://localhost:3000'),
  credentials: fc.constantFrom('include', 'omit', 'same-origin'),
  initiator: fc.constantFrom('fetch', 'xmlhttprequest'),
  requestHeaders: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('Content-Type', 'Authorization', 'X-CSRF-Token'), token), value: fc.constantFrom('application/json', 'text/plain', 'x') }), { maxLength: 3 }),
  hops: fc.array(
    fc.record({ url: fc.constantFrom('https://api.example.com/a', 'https://api.example.com/b', 'https://login.example.net/login', `${APP}/api`), preflight: response, response }, { requiredKeys: ['url'] }),
    { minLength: 1, maxLength: 3 },
  ),
});

describe('fixes (property)', () => {
  test('applying the whole plan leaves no error and no warning, for 3,000 random blocked records', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(record, (r) => {
        const rec = r as RequestRecord;
        const error = validate(rec).find((f) => f.severity === 'error');
        if (error === undefined) return;
        seen.add(error.rule);
        expect(leftAfter(rec, error.fix), error.rule).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
    // The generator must reach most rules, or the property proves little.
    expect(seen.size).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
