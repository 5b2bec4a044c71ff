// nginx: add_header only reaches 2xx/3xx unless it says `always`, and it appends, so an upstream
// app's own Access-Control-* lines become a second copy unless proxy_hide_header drops them
// (https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header,
// https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_hide_header).
// Preflights are answered with `return 204` inside `if`: the rewrite phase runs before the access
// phase, so auth_basic / auth_request never see them (https://nginx.org/en/docs/dev/development_guide.html#http_phases).
// The origin comes from an exact-string `map` (never $http_origin unchecked).
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope } from './shared';

/** nginx reads `$` as a variable in every string and has no escape for it. */
const writable = (xs: readonly string[]) => xs.filter((x) => !x.includes('$'));

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const headers = writable(spec.headers);
  const unwritable = [...spec.methods, ...spec.headers].filter((x) => x.includes('$'));
  const scope = `${pathScope(spec.path)}/`;
  const cors = (indent: string) => [
    `${indent}add_header Access-Control-Allow-Origin $cors_allow_origin always;`,
    ...(spec.credentials ? [`${indent}add_header Access-Control-Allow-Credentials true always;`] : []),
  ];
  return [
    ...intro(
      '#',
      spec,
      '/etc/nginx/sites-enabled/default',
      `part (1) goes in the http {} block, part (2) inside the location {} that serves ${scope}, replacing its add_header Access-Control-* lines and any OPTIONS if-block.`,
    ),
    '# (1) http {} block (Debian: a new file /etc/nginx/conf.d/cors-origin.conf). Exact origins only:',
    'map $http_origin $cors_allow_origin {',
    '    default "";',
    `    "${spec.origin}" "${spec.origin}";`,
    '}',
    `# (2) Inside your location {} for ${scope} (keep its proxy_pass, auth_basic, ...).`,
    '# A preflight carries no credentials: answer it here, before auth_basic/auth_request run.',
    'if ($request_method = OPTIONS) {',
    ...cors('    '),
    `    add_header Access-Control-Allow-Methods "${writable(methodsWith(spec)).join(', ')}" always;`,
    ...(headers.length > 0 ? [`    add_header Access-Control-Allow-Headers "${headers.join(', ')}" always;`] : []),
    ...(unwritable.length > 0 ? [`    # Not listed (nginx reads $ as a variable): ${unwritable.join(', ')}; rename them.`] : []),
    '    add_header Vary Origin always;',
    '    return 204;',
    '}',
    '# `always`: on 401/403/404/5xx too, not only on 2xx/3xx. (add_header here stops server-level',
    '# add_header lines from being inherited: repeat those you need in this location.)',
    ...cors(''),
    'add_header Vary Origin always;',
    '# The upstream app may send its own copies; hide them, or the browser sees two values.',
    'proxy_hide_header Access-Control-Allow-Origin;',
    'proxy_hide_header Access-Control-Allow-Credentials;',
    'proxy_hide_header Access-Control-Allow-Methods;',
    'proxy_hide_header Access-Control-Allow-Headers;',
    ...(spec.problem === 'redirect-escape' ? ['# For API calls, let the app answer 401 instead of "return 302" to a login page.'] : []),
  ].join('\n');
}
