// Snippet specs the snippet tests share: one per kind of cure, as the rules build them
// (src/core/fix/common.ts specFor) or the per-server merge does (several origins, exposed
// headers), plus generators of realistic and of hostile ones for the property tests.
import fc from 'fast-check';
import type { CookieSpec, Problem, SnippetSpec } from '../../../src/core/fix/plan';
import { isToken } from '../../../src/core/headers';

export const APP = 'https://app.example.com';

/** A CORS spec from the old one-origin fields. */
export function cors(s: {
  origin?: string;
  origins?: string[];
  credentials: boolean;
  methods: string[];
  headers: string[];
  expose?: string[];
  problem: Problem;
  path: string;
}): SnippetSpec {
  return {
    kind: 'cors',
    origins: s.origins ?? (s.origin ? [s.origin] : []),
    credentials: s.credentials,
    methods: s.methods,
    headers: s.headers,
    expose: s.expose ?? [],
    problems: [s.problem],
    paths: [s.path],
  };
}

/** Representative specs: name → spec. Names are file-safe. */
export const REPRESENTATIVE: Record<string, SnippetSpec> = {
  'preflight-status': cors({
    origin: APP,
    credentials: true,
    methods: ['PUT'],
    headers: ['content-type', 'x-csrf-token'],
    problem: 'preflight-status',
    path: '/api/me',
  }),
  'wildcard-with-credentials': cors({ origin: APP, credentials: true, methods: ['GET'], headers: [], problem: 'allow-origin', path: '/api/profile' }),
  'duplicate-origin': cors({
    origin: 'http://localhost:3000',
    credentials: true,
    methods: ['GET'],
    headers: [],
    problem: 'duplicate-origin',
    path: '/api/items',
  }),
  'redirect-escape': cors({ origin: APP, credentials: true, methods: ['GET'], headers: [], problem: 'redirect-escape', path: '/api/account' }),
  'preflight-redirect': cors({
    origin: APP,
    credentials: true,
    methods: ['DELETE'],
    headers: ['authorization'],
    problem: 'preflight-redirect',
    path: '/api/items/7',
  }),
  'no-credentials-root': cors({
    origin: 'https://shop.example:8443',
    credentials: false,
    methods: ['PATCH'],
    headers: ['x-requested-with'],
    problem: 'allow-methods',
    path: '/me',
  }),
  'opaque-origin': cors({ credentials: true, methods: ['GET'], headers: [], problem: 'allow-origin', path: '/api/me' }),
  'one-server': {
    kind: 'cors',
    origins: [APP, 'http://localhost:5173'],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    headers: ['authorization', 'content-type'],
    expose: ['x-request-id'],
    problems: ['preflight-status', 'allow-origin', 'allow-headers'],
    paths: ['/api/me', '/api/items/7', '/api/login'],
  },
};

/** Cookie cures: a cross-site session cookie (CHIPS) and a same-site one with a Domain. */
export const COOKIES: Record<string, CookieSpec> = {
  'cross-site-partitioned': { kind: 'cookie', name: 'connect.sid', path: '/', sameSite: 'None', partitioned: true, domain: '' },
  'same-site-domain': { kind: 'cookie', name: 'session_id', path: '/', sameSite: 'Lax', partitioned: false, domain: 'example.com' },
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
  // The URL standard drops a scheme's default port from the serialization.
  .map(({ scheme, host, port }) => `${scheme}://${host}${port === undefined || port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`}`);

const paths = fc.array(
  fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), { maxLength: 3 }).map((segs) => `/${segs.join('/')}`),
  { minLength: 1, maxLength: 3 },
);

export const spec: fc.Arbitrary<SnippetSpec> = fc.record({
  kind: fc.constant('cors' as const),
  origins: fc.uniqueArray(origin, { minLength: 1, maxLength: 3 }),
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
  expose: fc.uniqueArray(fc.constantFrom('x-request-id', 'etag', 'link'), { maxLength: 2 }),
  problems: fc.uniqueArray(fc.constantFrom(...PROBLEMS), { minLength: 1, maxLength: 3 }),
  paths,
});

/** Any HTTP token (RFC 9110 tchar), as a hostile page may send in a method or a header name. */
export const anyToken = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);

/** Specs with hostile (but token) methods and header names: still no wildcard, no reflection, no crash. */
export const hostileSpec: fc.Arbitrary<SnippetSpec> = fc
  .record({
    kind: fc.constant('cors' as const),
    origins: fc.uniqueArray(origin, { minLength: 1, maxLength: 2 }),
    credentials: fc.boolean(),
    methods: fc.uniqueArray(anyToken, { maxLength: 3 }),
    headers: fc.uniqueArray(
      anyToken.map((t) => t.toLowerCase()),
      { maxLength: 3 },
    ),
    expose: fc.uniqueArray(
      anyToken.map((t) => t.toLowerCase()),
      { maxLength: 2 },
    ),
    problems: fc.uniqueArray(fc.constantFrom(...PROBLEMS), { minLength: 1, maxLength: 2 }),
    path: fc.webPath(),
  })
  .map(({ path, ...s }) => ({ ...s, paths: [path] }));

/** Text that must never reach a snippet: code in every stack's language, quotes, newlines, placeholders. */
const INJECTIONS = [
  '#{`id`}',
  '${process.exit()}',
  '"; system("id"); "',
  "'); DROP--",
  '\n}\nrespond 200',
  '{http.request.header.Cookie}',
  '$http_cookie',
  '%{HTTP_COOKIE}e',
  '\\',
  '<?php',
  '*/',
  '\u2028',
  '`',
];

/** Strings a page, a HAR or a pasted console line may present as an origin, none of them one. */
export const notAnOrigin: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    '*',
    'https://app.example.com/',
    'https://user@app.example.com',
    'https://app.example.com:443',
    'HTTPS://APP.EXAMPLE.COM',
    'https://a{b}.example',
    'https://a$b.example',
    "https://a'b.example",
    'http://0x7f.1',
    'file:///etc/passwd',
    'chrome-extension://abc',
    '',
  ),
  fc.tuple(origin, fc.constantFrom(...INJECTIONS)).map(([o, bad]) => `${o}${bad}`),
  fc.tuple(fc.constantFrom(...INJECTIONS), origin).map(([bad, o]) => `${bad}${o}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Non-token text in place of a method, header name or cookie name. */
export const notAToken: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...INJECTIONS),
    fc.tuple(anyToken, fc.constantFrom(...INJECTIONS)).map(([t, bad]) => `${t}${bad}`),
  )
  .filter((s) => !isToken(s));
