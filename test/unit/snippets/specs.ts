// Snippet specs the snippet tests share: one per kind of cure, as the rules build them
// (src/core/fix/common.ts specFor), plus a generator of realistic ones for the property test.
import fc from 'fast-check';
import type { Problem, SnippetSpec } from '../../../src/core/fix/plan';

export const APP = 'https://app.example.com';

/** Representative specs: name → spec. Names are file-safe. */
export const REPRESENTATIVE: Record<string, SnippetSpec> = {
  'preflight-status': {
    origin: APP,
    credentials: true,
    methods: ['PUT'],
    headers: ['content-type', 'x-csrf-token'],
    problem: 'preflight-status',
    path: '/api/me',
  },
  'wildcard-with-credentials': { origin: APP, credentials: true, methods: ['GET'], headers: [], problem: 'allow-origin', path: '/api/profile' },
  'duplicate-origin': { origin: 'http://localhost:3000', credentials: true, methods: ['GET'], headers: [], problem: 'duplicate-origin', path: '/api/items' },
  'redirect-escape': { origin: APP, credentials: true, methods: ['GET'], headers: [], problem: 'redirect-escape', path: '/api/account' },
  'preflight-redirect': {
    origin: APP,
    credentials: true,
    methods: ['DELETE'],
    headers: ['authorization'],
    problem: 'preflight-redirect',
    path: '/api/items/7',
  },
  'no-credentials-root': {
    origin: 'https://shop.example:8443',
    credentials: false,
    methods: ['PATCH'],
    headers: ['x-requested-with'],
    problem: 'allow-methods',
    path: '/me',
  },
  'opaque-origin': { origin: '', credentials: true, methods: ['GET'], headers: [], problem: 'allow-origin', path: '/api/me' },
};

export const PROBLEMS: readonly Problem[] = [
  'allow-origin',
  'duplicate-origin',
  'allow-credentials',
  'preflight-status',
  'preflight-redirect',
  'redirect-escape',
  'redirect-credentials',
  'allow-methods',
  'allow-headers',
  'vary',
];

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);

/** A serialized origin a page can have: scheme, host, optional port. */
export const origin = fc
  .record({
    scheme: fc.constantFrom('https', 'http'),
    host: fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => `${ls.join('.')}.example`),
      fc.constantFrom('localhost', '127.0.0.1', '[::1]'),
    ),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  })
  .map(({ scheme, host, port }) => `${scheme}://${host}${port === undefined ? '' : `:${port}`}`);

export const spec: fc.Arbitrary<SnippetSpec> = fc.record({
  origin,
  credentials: fc.boolean(),
  methods: fc.uniqueArray(
    fc.oneof(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      token.map((t) => t.toUpperCase()),
    ),
    { maxLength: 3 },
  ),
  headers: fc.uniqueArray(
    fc.oneof(
      fc.constantFrom('content-type', 'authorization', 'x-csrf-token'),
      token.map((t) => t.toLowerCase()),
    ),
    { maxLength: 3 },
  ),
  problem: fc.constantFrom(...PROBLEMS),
  path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), { maxLength: 3 }).map((segs) => `/${segs.join('/')}`),
});

/** Any HTTP token (RFC 9110 tchar), as a hostile page may send in a method or a header name. */
const anyToken = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);

/** Specs with hostile methods and header names: still no wildcard, no reflection, no crash. */
export const hostileSpec: fc.Arbitrary<SnippetSpec> = fc.record({
  origin,
  credentials: fc.boolean(),
  methods: fc.uniqueArray(anyToken, { maxLength: 3 }),
  headers: fc.uniqueArray(
    anyToken.map((t) => t.toLowerCase()),
    { maxLength: 3 },
  ),
  problem: fc.constantFrom(...PROBLEMS),
  path: fc.webPath(),
});
