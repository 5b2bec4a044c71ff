// Caddy v2 has no CORS directive: a matcher for the allowed Origin, a preflight handler that
// responds 204, and `header` lines. Strip the upstream's copies to avoid duplicates.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, problemNote } from './shared';

export function caddy(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const note = problemNote(spec.problem);
  const cred = spec.credentials ? ['\tAccess-Control-Allow-Credentials true'] : [];
  return [
    ...(note ? [`# ${note}`] : []),
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
    'reverse_proxy backend:8080 {',
    '\theader_down -Access-Control-Allow-Origin # the app must not add a second copy',
    '\theader_down -Access-Control-Allow-Credentials',
    '}',
  ].join('\n');
}
