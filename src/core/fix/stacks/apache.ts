// Apache httpd: mod_rewrite rules in server context run while the URL is translated, before
// authentication and authorization; rules inside <Location>/<Directory> run in the fixup phase,
// after AuthType/Require have already answered 401 (https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewriterule,
// "Per-directory Rewrites"). So preflights are answered by a RewriteRule in the <VirtualHost>.
// mod_headers keeps two tables: `onsuccess` (what a proxied app sent lands there too) and `always`
// (also 4xx/5xx and redirects); a header set in both is sent twice
// (https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header). So: unset in `onsuccess`,
// set in `always`.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope, regexEscape } from './shared';

/** The modules the snippet needs, as Debian's a2enmod names them (the tests load exactly these). */
export const APACHE_MODULES = ['headers', 'rewrite'] as const;

/** mod_headers reads `%x` as a format specifier; `%%` is a literal percent sign. */
const literal = (xs: readonly string[]) => xs.map((x) => x.replaceAll('%', '%%')).join(', ');

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const scope = `${pathScope(spec.path)}/`;
  const names = ['Origin', 'Credentials', 'Methods', 'Headers'].map((n) => `Access-Control-Allow-${n}`);
  return [
    ...intro(
      '#',
      spec,
      '/etc/apache2/sites-enabled/000-default.conf',
      'add at the end of your <VirtualHost> block; remove other Header lines for Access-Control-* (here, in <Directory>, in .htaccess).',
    ),
    `# Needs mod_headers and mod_rewrite: a2enmod ${APACHE_MODULES.join(' ')} && systemctl reload apache2`,
    '# A preflight carries no credentials: answer it in server context, before AuthType/Require.',
    'RewriteEngine On',
    'RewriteCond %{REQUEST_METHOD} =OPTIONS',
    'RewriteCond %{HTTP:Access-Control-Request-Method} .',
    `RewriteRule ^${regexEscape(scope)} - [R=204,L]`,
    `<Location "${scope}">`,
    '    # Drop the copies other layers add (a proxied app, another Header set), then send one',
    '    # set from the "always" table, which also reaches 401/404/5xx and redirects.',
    ...names.map((n) => `    Header unset ${n}`),
    `    Header always set Access-Control-Allow-Origin "${spec.origin}"`,
    ...(spec.credentials ? ['    Header always set Access-Control-Allow-Credentials "true"'] : []),
    `    Header always set Access-Control-Allow-Methods "${literal(methodsWith(spec))}"`,
    ...(spec.headers.length > 0 ? [`    Header always set Access-Control-Allow-Headers "${literal(spec.headers)}"`] : []),
    '    Header always merge Vary Origin',
    '</Location>',
    ...(spec.problem === 'redirect-escape' ? ['# For API calls, answer 401 instead of redirecting to a login page.'] : []),
  ].join('\n');
}
