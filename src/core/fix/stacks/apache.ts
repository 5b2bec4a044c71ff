// Apache httpd mod_headers: use the `always` table so error and redirect responses carry the headers
// too; setting the same header in both `onsuccess` and `always` duplicates it.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('#', spec, '/etc/apache2/sites-enabled/000-default.conf', 'replace the CORS lines inside your <VirtualHost> (needs: a2enmod headers rewrite).'),
    `<Location "${spec.path}">`,
    '    # "always" table: also on 401/404/5xx and redirects. Set them here only, not also in',
    '    # "onsuccess" or in the proxied application, or the browser sees two lines.',
    `    Header always set Access-Control-Allow-Origin "${spec.origin}"`,
    ...(spec.credentials ? ['    Header always set Access-Control-Allow-Credentials "true"'] : []),
    `    Header always set Access-Control-Allow-Methods "${methodsWith(spec).join(', ')}"`,
    ...(spec.headers.length > 0 ? [`    Header always set Access-Control-Allow-Headers "${spec.headers.join(', ')}"`] : []),
    '    Header always merge Vary Origin',
    '    # Answer preflights before authentication (mod_rewrite):',
    '    RewriteEngine On',
    '    RewriteCond %{REQUEST_METHOD} OPTIONS',
    '    RewriteRule ^ - [R=204,L]',
    '</Location>',
  ].join('\n');
}
