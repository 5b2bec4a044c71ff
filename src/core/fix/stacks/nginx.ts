// nginx: add_header only reaches 2xx/3xx unless it says `always`, and it appends, so an upstream
// app's own Access-Control-* lines become a second copy unless proxy_hide_header drops them
// (https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header,
// https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_hide_header).
// Preflights are answered with `return 204` inside `if`: the rewrite phase runs before the access
// phase, so auth_basic / auth_request never see them (https://nginx.org/en/docs/dev/development_guide.html#http_phases).
// The origin comes from an exact-string `map` over the listed origins (never $http_origin
// unchecked); an unlisted Origin maps to "" and add_header sends nothing for an empty value.
// Cookies: proxy_cookie_flags rewrites the upstream's Set-Cookie attributes.
import type { CookieSpec, SnippetSpec } from '../plan';
import { cq, has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, renderer, scopeOf } from './shared';

/** nginx reads `$` as a variable in every string and has no escape for it. */
const writable = (xs: readonly string[]) => xs.filter((x) => !x.includes('$'));

function cors(spec: SnippetSpec): string {
  const headers = writable(spec.headers);
  const expose = writable(spec.expose);
  const unwritable = [...spec.methods, ...spec.headers, ...spec.expose].filter((x) => x.includes('$'));
  const scope = `${scopeOf(spec)}/`;
  const allow = (indent: string) => [
    `${indent}add_header Access-Control-Allow-Origin $cors_allow_origin always;`,
    spec.credentials ? `${indent}add_header Access-Control-Allow-Credentials true always;` : `${indent}# ${KEEP_CREDENTIALS}`,
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
    ...originsOf(spec).map((o) => `    ${cq(o)} ${cq(o)};`),
    '}',
    `# (2) Inside your location {} for ${scope} (keep its proxy_pass, auth_basic, ...).`,
    '# A preflight carries no credentials: answer it here, before auth_basic/auth_request run.',
    'if ($request_method = OPTIONS) {',
    ...allow('    '),
    `    add_header Access-Control-Allow-Methods ${cq(writable(methodsWith(spec)).join(', '))} always;`,
    ...(headers.length > 0 ? [`    add_header Access-Control-Allow-Headers ${cq(headers.join(', '))} always;`] : []),
    ...(unwritable.length > 0 ? [`    # Not listed (nginx reads $ as a variable): ${unwritable.join(', ')}; rename them.`] : []),
    '    add_header Vary Origin always;',
    '    return 204;',
    '}',
    '# `always`: on 401/403/404/5xx too, not only on 2xx/3xx. (add_header here stops server-level',
    '# add_header lines from being inherited: repeat those you need in this location.)',
    ...allow(''),
    ...(expose.length > 0 ? [`add_header Access-Control-Expose-Headers ${cq(expose.join(', '))} always;`] : []),
    'add_header Vary Origin always;',
    '# The upstream app may send its own copies; hide them, or the browser sees two values.',
    ...['Origin', 'Credentials', 'Methods', 'Headers'].map((n) => `proxy_hide_header Access-Control-Allow-${n};`),
    ...(expose.length > 0 ? ['proxy_hide_header Access-Control-Expose-Headers;'] : []),
    ...(has(spec, 'redirect-escape') ? ['# For API calls, let the app answer 401 instead of "return 302" to a login page.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  const flags = `secure httponly samesite=${k.sameSite.toLowerCase()}`;
  return [
    '# In /etc/nginx/sites-enabled/default: inside the location {} that proxies the API (nginx ≥ 1.19.3).',
    ...(k.name.includes('$') || k.name.startsWith('~')
      ? ["# The cookie's name holds $ (a variable to nginx) or starts with ~ (a regex): set these attributes in the application."]
      : [`proxy_cookie_flags ${cq(k.name)} ${flags};`]),
    'proxy_cookie_path ~^/.*$ /;',
    ...(k.partitioned ? ['# proxy_cookie_flags has no Partitioned flag: set it in the application.'] : []),
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
