// Caddy v2 has no CORS directive. A `header … { defer }` block is applied when the response is
// written, after reverse_proxy copied the upstream's headers, so it can set or delete what the app
// sent (https://caddyserver.com/docs/caddyfile/directives/header). Two complementary matchers do
// the work: for a listed Origin (header lines on one field are OR-ed, each an exact match;
// https://caddyserver.com/docs/caddyfile/matchers#header) our values replace the app's; for any
// other Origin, or none, the app's own Access-Control-* headers are deleted, so an app that
// reflects every Origin still answers an unlisted one with nothing. `respond` runs before
// reverse_proxy, so preflights never reach the app; basicauth runs before respond
// (https://caddyserver.com/docs/caddyfile/directives#directive-order), and its 401 goes through
// handle_errors, which therefore answers preflights and adds the headers to error responses too.
import type { CookieSpec, SnippetSpec } from '../plan';
import { cookieAttributes, has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, placeholder, regexEscape, renderer } from './shared';

/** Caddyfile strings: tokens and origins hold no `"`, `\` or `{`, so quoting is enough. */
const str = (s: string) => `"${s}"`;

function cors(spec: SnippetSpec): string {
  const origins = originsOf(spec);
  const names = ['Allow-Origin', 'Allow-Credentials', 'Allow-Methods', 'Allow-Headers', 'Expose-Headers'].map((n) => `Access-Control-${n}`);
  const lines = (indent: string) => [
    // One origin: written out. Several: the request's own, which the matcher has just checked.
    `${indent}Access-Control-Allow-Origin ${str(origins.length === 1 ? origins[0]! : '{http.request.header.Origin}')}`,
    spec.credentials ? `${indent}Access-Control-Allow-Credentials true` : `${indent}# ${KEEP_CREDENTIALS}`,
    `${indent}Access-Control-Allow-Methods ${str(methodsWith(spec).join(', '))}`,
    ...(spec.headers.length > 0 ? [`${indent}Access-Control-Allow-Headers ${str(spec.headers.join(', '))}`] : []),
    ...(spec.expose.length > 0 ? [`${indent}Access-Control-Expose-Headers ${str(spec.expose.join(', '))}`] : []),
  ];
  const matches = (indent: string) => origins.map((o) => `${indent}header Origin ${o}`);
  return [
    ...intro('#', spec, 'Caddyfile', 'add inside your site block; remove its other header lines for Access-Control-*.'),
    '# Exact origins only: one header line per allowed origin.',
    '@cors_origin {',
    ...matches('\t'),
    '}',
    '@cors_other {',
    '\tnot {',
    ...matches('\t\t'),
    '\t}',
    '}',
    '@cors_preflight {',
    '\tmethod OPTIONS',
    '\theader Access-Control-Request-Method *',
    '}',
    "# defer: applied after reverse_proxy, so for a listed Origin these replace the app's own values…",
    'header @cors_origin {',
    ...lines('\t'),
    '\tdefer',
    '}',
    "# …and for any other Origin the app's own Access-Control-* headers are removed (a reflecting app",
    '# would otherwise still answer it with its own origin and credentials).',
    'header @cors_other {',
    ...names.map((n) => `\t-${n}`),
    '\tdefer',
    '}',
    'header +Vary Origin',
    "# A preflight carries no credentials: answer it before reverse_proxy (and the app's auth).",
    'respond @cors_preflight 204',
    "# Errors (basicauth's 401, 502 …) bypass the routes above: same headers, same preflight answer.",
    'handle_errors {',
    '\theader @cors_origin {',
    ...lines('\t\t'),
    '\t}',
    '\trespond @cors_preflight 204',
    '}',
    ...(has(spec, 'redirect-escape') ? ['# For API calls, answer 401 instead of redirecting to a login page.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '# In Caddyfile: add the header_down line inside your existing reverse_proxy block.',
    `reverse_proxy 127.0.0.1:8080 { # ${placeholder('your upstream')}`,
    `\theader_down Set-Cookie "^(${regexEscape(k.name)}=[^;]*).*$" "$1; ${cookieAttributes(k)}"`,
    '}',
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
