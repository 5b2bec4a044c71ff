// Caddy v2 has no CORS directive: a matcher for the allowed Origin, a preflight handler that
// responds 204, and `header` lines. Strip the upstream's copies to avoid duplicates.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro, placeholder } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const cred = spec.credentials ? ['\tAccess-Control-Allow-Credentials true'] : [];
  return [
    ...intro('#', spec, 'Caddyfile', 'replace the CORS header lines inside your site block.'),
    `@cors_origin header Origin ${spec.origin}`,
    '@cors_preflight {',
    '\tmethod OPTIONS',
    `\theader Origin ${spec.origin}`,
    '}',
    'handle @cors_preflight {',
    '\theader {',
    `\t\tAccess-Control-Allow-Origin ${spec.origin}`,
    ...cred.map((l) => `\t${l}`),
    `\t\tAccess-Control-Allow-Methods "${methodsWith(spec).join(', ')}"`,
    ...(spec.headers.length > 0 ? [`\t\tAccess-Control-Allow-Headers "${spec.headers.join(', ')}"`] : []),
    '\t\tVary Origin',
    '\t}',
    '\trespond 204',
    '}',
    'header @cors_origin {',
    `\tAccess-Control-Allow-Origin ${spec.origin}`,
    ...cred,
    '\tVary Origin',
    '}',
    `reverse_proxy 127.0.0.1:8080 { # ${placeholder('your upstream address')}`,
    '\theader_down -Access-Control-Allow-Origin # the app must not add a second copy',
    '\theader_down -Access-Control-Allow-Credentials',
    '}',
  ].join('\n');
}
