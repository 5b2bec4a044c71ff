// Caddy v2 has no CORS directive. `header … { defer }` is applied after reverse_proxy copied the
// upstream's headers, so it replaces the app's own copies instead of adding a second one
// (https://caddyserver.com/docs/caddyfile/directives/header). `respond` runs before
// reverse_proxy, so preflights never reach the app; basicauth runs before respond
// (https://caddyserver.com/docs/caddyfile/directives#directive-order), and its 401 goes through
// handle_errors, which therefore answers preflights and adds the headers to error responses too.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const lines = (indent: string) => [
    `${indent}Access-Control-Allow-Origin "${spec.origin}"`,
    ...(spec.credentials ? [`${indent}Access-Control-Allow-Credentials true`] : []),
    `${indent}Access-Control-Allow-Methods "${methodsWith(spec).join(', ')}"`,
    ...(spec.headers.length > 0 ? [`${indent}Access-Control-Allow-Headers "${spec.headers.join(', ')}"`] : []),
  ];
  return [
    ...intro('#', spec, 'Caddyfile', 'add inside your site block; remove its other header lines for Access-Control-*.'),
    '@cors_origin header Origin ' + spec.origin,
    '@cors_preflight {',
    '\tmethod OPTIONS',
    '\theader Access-Control-Request-Method *',
    '}',
    "# defer: applied after reverse_proxy, so the app's own copies are replaced, not doubled.",
    'header @cors_origin {',
    ...lines('\t'),
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
    ...(spec.problem === 'redirect-escape' ? ['# For API calls, answer 401 instead of redirecting to a login page.'] : []),
  ].join('\n');
}
