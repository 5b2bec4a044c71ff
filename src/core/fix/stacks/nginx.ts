// nginx: `always` so 4xx/5xx keep the headers; add_header appends, so a proxied app that sets CORS
// too needs proxy_hide_header; add_header in a location cancels server-level add_header.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro, placeholder, regexEscape } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const cred = spec.credentials ? ['        add_header Access-Control-Allow-Credentials true always;'] : [];
  const credMain = spec.credentials ? ['    add_header Access-Control-Allow-Credentials true always;'] : [];
  return [
    ...intro('#', spec, '/etc/nginx/sites-enabled/default', 'replace the location block for this path in your server {} block; the map {} goes in the http {} block.'),
    '# http {} block: allow exact origins only (never $http_origin unchecked).',
    'map $http_origin $cors_origin {',
    '    default "";',
    `    "~^${regexEscape(spec.origin)}$" $http_origin;`,
    '}',
    '',
    `location ${spec.path} {`,
    '    if ($request_method = OPTIONS) {',
    '        add_header Access-Control-Allow-Origin $cors_origin always;',
    ...cred,
    `        add_header Access-Control-Allow-Methods "${methodsWith(spec).join(', ')}" always;`,
    ...(spec.headers.length > 0 ? [`        add_header Access-Control-Allow-Headers "${spec.headers.join(', ')}" always;`] : []),
    '        add_header Vary Origin always;',
    '        return 204;',
    '    }',
    '    add_header Access-Control-Allow-Origin $cors_origin always;',
    ...credMain,
    '    add_header Vary Origin always;',
    '    # If the upstream app also sends CORS headers, hide its copies (else: two ACAO lines).',
    '    proxy_hide_header Access-Control-Allow-Origin;',
    '    proxy_hide_header Access-Control-Allow-Credentials;',
    ...(spec.problem === 'redirect-escape' ? ['    # Do not "return 302" to a login page here for API calls; let the app answer 401.'] : []),
    `    proxy_pass http://127.0.0.1:8080; # ${placeholder('your upstream address')}`,
    '}',
  ].join('\n');
}
