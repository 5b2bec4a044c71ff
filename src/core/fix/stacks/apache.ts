// Apache httpd: mod_rewrite rules in server context run while the URL is translated, before
// authentication and authorization; rules inside <Location>/<Directory> run in the fixup phase,
// after AuthType/Require have already answered 401 (https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewriterule,
// "Per-directory Rewrites"). So preflights are answered by a RewriteRule in the <VirtualHost>.
// The allowed origin comes from SetEnvIf with an anchored, escaped regex over the listed origins
// (in server context it runs before the URL is translated,
// https://httpd.apache.org/docs/2.4/mod/mod_setenvif.html): an unlisted Origin sets nothing, and
// `env=CORS_ORIGIN` then sends no Access-Control-Allow-Origin.
// mod_headers keeps two tables: `onsuccess` (what a proxied app sent lands there too) and `always`
// (also 4xx/5xx and redirects); a header set in both is sent twice
// (https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header). So: unset in both (a
// `Header always set … "*"` left in the <VirtualHost> would otherwise still answer an unlisted
// origin), then set in `always`. Cookies: `Header edit` rewrites the app's Set-Cookie in each table.
import type { CookieSpec, SnippetSpec } from '../plan';
import { cookieAttributes, has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, regexEscape, renderer, scopeOf } from './shared';

/** The modules the snippet needs, as Debian's a2enmod names them (the tests load exactly these). */
export const APACHE_MODULES = ['headers', 'rewrite', 'setenvif'] as const;

/** mod_headers reads `%x` as a format specifier; `%%` is a literal percent sign. */
const literal = (xs: readonly string[]) => xs.map((x) => x.replaceAll('%', '%%')).join(', ');

function cors(spec: SnippetSpec): string {
  const scope = `${scopeOf(spec)}/`;
  const names = ['Origin', 'Credentials', 'Methods', 'Headers', ...(spec.expose.length > 0 ? ['Expose'] : [])].map(
    (n) => `Access-Control-${n === 'Expose' ? 'Expose-Headers' : `Allow-${n}`}`,
  );
  const set = (name: string, value: string) => `    Header always set ${name} "${value}" env=CORS_ORIGIN`;
  return [
    ...intro(
      '#',
      spec,
      '/etc/apache2/sites-enabled/000-default.conf',
      'add at the end of your <VirtualHost> block; remove other Header lines for Access-Control-* (here, in <Directory>, in .htaccess).',
    ),
    `# Needs mod_headers, mod_rewrite and mod_setenvif: a2enmod ${APACHE_MODULES.join(' ')} && systemctl reload apache2`,
    '# Exact origins only: CORS_ORIGIN is set to the Origin when it is one of these, else not at all.',
    `SetEnvIf Origin "^(${originsOf(spec).map(regexEscape).join('|')})$" CORS_ORIGIN=$1`,
    '# A preflight carries no credentials: answer it in server context, before AuthType/Require.',
    'RewriteEngine On',
    'RewriteCond %{REQUEST_METHOD} =OPTIONS',
    'RewriteCond %{HTTP:Access-Control-Request-Method} .',
    `RewriteRule ^${regexEscape(scope)} - [R=204,L]`,
    `<Location "${scope}">`,
    '    # Drop the copies other layers add (a proxied app, another Header set, in either table),',
    '    # then send one set from the "always" table, which also reaches 401/404/5xx and redirects,',
    '    # and only to a listed origin (env=CORS_ORIGIN): any other gets no Access-Control-* at all.',
    ...names.flatMap((n) => [`    Header unset ${n}`, `    Header always unset ${n}`]),
    set('Access-Control-Allow-Origin', '%{CORS_ORIGIN}e'),
    spec.credentials ? set('Access-Control-Allow-Credentials', 'true') : `    # ${KEEP_CREDENTIALS}`,
    set('Access-Control-Allow-Methods', literal(methodsWith(spec))),
    ...(spec.headers.length > 0 ? [set('Access-Control-Allow-Headers', literal(spec.headers))] : []),
    ...(spec.expose.length > 0 ? [set('Access-Control-Expose-Headers', literal(spec.expose))] : []),
    '    Header always merge Vary Origin',
    '</Location>',
    ...(has(spec, 'redirect-escape') ? ['# For API calls, answer 401 instead of redirecting to a login page.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  const edit = `Set-Cookie "^(${regexEscape(k.name)}=[^;]*).*$" "$1; ${cookieAttributes(k)}"`;
  return [
    "# In /etc/apache2/sites-enabled/000-default.conf: inside the <VirtualHost> (mod_headers). The app's Set-Cookie",
    '# lands in the onsuccess table when proxied, in the always table on error responses: edit both.',
    `Header edit ${edit}`,
    `Header always edit ${edit}`,
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
