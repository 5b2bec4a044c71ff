// Fastify + @fastify/cors: a string origin is sent as-is with Vary: Origin; `origin: true` reflects
// every origin. The plugin answers OPTIONS from its own onRequest hook.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('//', spec, 'server.js', "replace the options of the existing fastify.register(cors, ...) call; if there is none, add it with const cors = require('@fastify/cors') (npm install @fastify/cors)."),
    '// Register before auth hooks and routes, so preflights are answered first.',
    'fastify.register(cors, {',
    `  origin: ${q(spec.origin)}, // exact origin (or an array of them); never true or '*'`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  methods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowedHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '});',
    ...(spec.problem === 'redirect-escape' ? ['// In the auth hook, for API calls: reply.code(401).send(), not reply.redirect("/login").'] : []),
    ...(spec.problem === 'duplicate-origin' ? ['// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a reply.header(...) call adds.'] : []),
  ].join('\n');
}
